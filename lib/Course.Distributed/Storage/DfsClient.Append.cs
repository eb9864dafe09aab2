using Course.Simulation;

namespace Course.Distributed.Storage;

public sealed partial class DfsClient
{
    /// <summary>
    /// An append, chunk by chunk (GFS §3.1 and Figure 2): get the lease holder from the master (allocating the
    /// chunk if the file needs a new one), push the bytes along the replica chain (§3.2), ask the primary to
    /// commit them. A failed attempt names the replicas that failed; the master fences them off with a new
    /// version and the attempt is repeated at the same offset with the rest (HDFS pipeline recovery) — a repeat
    /// writes the same bytes at the same place, so it is harmless where the first attempt did land. Finally the
    /// master makes the new length visible, only if every chunk's version is still the one written: success
    /// means every current replica holds the data; failure leaves the file as it was.
    /// </summary>
    private sealed class AppendOperation(DfsClient client, DfsOperation result, string path, byte[] data, bool create) : Operation(client, result)
    {
        private readonly List<ChunkHandle> _chunks = [];
        private readonly List<ChunkVersion> _written = [];
        private readonly HashSet<NodeId> _waitingFor = [];
        private List<NodeId> _failed = [];
        private bool _revoke;
        private long _oldLength;
        private int _done;
        private int _index, _within, _length, _attempts;
        private ChunkLeaseInfo? _lease;
        private IReadOnlyList<NodeId> _chain = [];
        private bool _retried;
        private long _dataId;
        private TimeSpan _pushDeadline;
        private long _writeRequest;
        private Step _step;

        private enum Step { Creating, Opening, Leasing, Pushing, Writing, Completing }

        public override void Begin()
        {
            if (create)
            {
                _step = Step.Creating;
                CallMaster(id => new CreateFile(id, path));
            }
            else Open();
        }

        private void Open()
        {
            _step = Step.Opening;
            CallMaster(id => new OpenForAppend(id, path));
        }

        protected override void OnMaster(MasterResponse response)
        {
            switch (_step, response)
            {
                case (Step.Creating, MasterReply r):
                    if (r.Error != DfsError.None) Fail(r.Error, r.Detail);
                    else Open();
                    break;
                case (Step.Opening, AppendOpened r):
                    if (r.Error != DfsError.None) { Fail(r.Error); break; }
                    _oldLength = r.Length;
                    _chunks.AddRange(r.Chunks);
                    NextPiece();
                    break;
                case (Step.Leasing, LeaseReply r):
                    if (r.Error != DfsError.None || r.Lease is null) { Abandon(r.Error == DfsError.None ? DfsError.BadRequest : r.Error, "no lease"); break; }
                    _lease = r.Lease;
                    if (_index == _chunks.Count) _chunks.Add(r.Lease.Handle);
                    Push();
                    break;
                case (Step.Completing, MasterReply r):
                    if (r.Error == DfsError.None) Succeed();
                    else Abandon(r.Error, r.Detail ?? "not committed");
                    break;
            }
        }

        /// <summary>The next piece: from the current end of the written bytes to the end of its chunk, or of the data.</summary>
        private void NextPiece()
        {
            if (_done == data.Length)
            {
                _step = Step.Completing;
                var newLength = _oldLength + data.Length;
                CallMaster(id => new CompleteAppend(id, path, _oldLength, newLength, _written.ToArray()));
                return;
            }
            var at = _oldLength + _done;
            _index = (int)(at / Options.ChunkSize);
            _within = (int)(at % Options.ChunkSize);
            _length = (int)Math.Min(Options.ChunkSize - _within, data.Length - _done);
            _attempts = 0;
            _retried = false;
            _failed = [];
            _revoke = false;
            _lease = null;
            AskLease();
        }

        private void AskLease()
        {
            if (++_attempts > Options.MaxWriteAttempts)
            {
                Abandon(DfsError.WriteFailed, $"chunk {_index} failed {Options.MaxWriteAttempts} attempts");
                return;
            }
            Result.WriteAttempts++;
            _step = Step.Leasing;
            var (failed, revoke, seen) = (_failed.ToArray(), _revoke, _lease?.Version ?? 0);
            if (_index < _chunks.Count)
            {
                var handle = _chunks[_index];
                CallMaster(id => new GetLease(id, handle, seen, failed, revoke));
            }
            else CallMaster(id => new AddChunk(id, path, _index));
        }

        /// <summary>GFS §3.2: data flow is decoupled from control flow — pushed along a chain (or, to compare, to each replica).</summary>
        private void Push()
        {
            _step = Step.Pushing;
            var replicas = _lease!.Replicas.ToArray();
            _waitingFor.Clear();
            _waitingFor.UnionWith(replicas);
            _dataId = Register();
            _pushDeadline = Now + Options.ClientDataTimeout;
            var packets = Math.Max(1, (_length + Options.PacketSize - 1) / Options.PacketSize);
            var piece = data.AsSpan(_done, _length);
            var chain = Client._topology.Chain(Client.Self, replicas);
            _chain = chain;
            for (var p = 0; p < packets; p++)
            {
                var bytes = piece.Slice(p * Options.PacketSize, Math.Min(Options.PacketSize, _length - p * Options.PacketSize)).ToArray();
                if (Options.DataFlow == DataFlow.Pipeline)
                    Client.Send(chain[0], new PushData(_dataId, Client.Self, p, packets, _length, bytes, chain.Skip(1).ToArray()));
                else
                    foreach (var replica in chain) Client.Send(replica, new PushData(_dataId, Client.Self, p, packets, _length, bytes, []));
            }
        }

        protected override void OnServer(NodeId from, DfsMessage message)
        {
            switch (message)
            {
                case DataReceived m when _step == Step.Pushing && m.DataId == _dataId:
                    _waitingFor.Remove(from);
                    if (_waitingFor.Count == 0) Commit();
                    break;
                case WriteReply m when _step == Step.Writing && m.RequestId == _writeRequest:
                    OnWriteReply(m);
                    break;
            }
        }

        /// <summary>GFS §3.1 step 4: every replica has the data; the primary orders and applies the mutation.</summary>
        private void Commit()
        {
            _step = Step.Writing;
            var lease = _lease!;
            _writeRequest = CallServer(lease.Primary, id => new WriteChunk(id, lease.Handle, lease.Version, _dataId, _within, _length, lease.Secondaries), Options.ClientDataTimeout);
        }

        private void OnWriteReply(WriteReply reply)
        {
            var lease = _lease!;
            switch (reply.Status)
            {
                case ChunkStatus.Ok:
                    _retried = false;
                    _written.RemoveAll(w => w.Handle == lease.Handle);
                    _written.Add(new ChunkVersion(lease.Handle, lease.Version));
                    _done += _length;
                    NextPiece();
                    return;
                case ChunkStatus.NotPrimary:
                    _revoke = true; // it lost its lease (expired, or it restarted): have the master grant a new one
                    _failed = [];
                    break;
                default:
                    _revoke = false;
                    _failed = reply.Failed.Count > 0 ? reply.Failed.ToList() : [lease.Primary];
                    break;
            }
            AskLease();
        }

        protected override void OnServerTimeout(long requestId, NodeId server)
        {
            if (_step != Step.Writing || requestId != _writeRequest) return;
            if (!_retried)
            {
                // Perhaps only a message was lost: ask again under the same id (the primary answers a repeat from
                // its cache, or when its secondaries are done) before fencing a replica that may be healthy.
                _retried = true;
                var lease = _lease!;
                _writeRequest = Resend(server, requestId, new WriteChunk(requestId, lease.Handle, lease.Version, _dataId, _within, _length, lease.Secondaries), Options.ClientDataTimeout);
                return;
            }
            _revoke = false;
            _failed = [server]; // the primary did not answer: fence it off
            AskLease();
        }

        protected override void OnTimeout() => Abandon(DfsError.Timeout, $"not done after {Options.OperationTimeout.TotalSeconds:F0} s");

        /// <summary>Give up cleanly: release the writer lease; nothing was committed, so readers see the file unchanged.</summary>
        private void Abandon(DfsError error, string detail)
        {
            if (_step is not Step.Creating and not Step.Opening) Client.Send(Client.Master, new AbandonAppend(Register(), path));
            Fail(error, detail);
        }

        protected override void OnTick()
        {
            if (_step == Step.Pushing && Now >= _pushDeadline)
            {
                if (!_retried)
                {
                    _retried = true; // push it all again once (a packet or an acknowledgement may just have been lost)
                    Push();
                    return;
                }
                // In a chain, the first replica that is silent is the suspect: the ones after it may only have been starved.
                _failed = Options.DataFlow == DataFlow.Pipeline ? [_chain.First(_waitingFor.Contains)] : _waitingFor.ToList();
                _revoke = false;
                AskLease();
            }
        }
    }
}

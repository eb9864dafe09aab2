using Course.Simulation;

namespace Course.Distributed.Storage;

public sealed partial class DfsClient
{
    /// <summary>
    /// One operation's state machine. The base class does the plumbing every operation needs: a call to the
    /// master resent with the same id until answered (transient refusals are retried after a pause), calls to
    /// chunk servers with a timeout each, one timer, and the operation's overall deadline.
    /// </summary>
    private abstract class Operation(DfsClient client, DfsOperation result)
    {
        private readonly List<long> _ids = [];
        private readonly Dictionary<long, (NodeId Server, TimeSpan Deadline)> _serverCalls = [];
        private Func<long, MasterRequest>? _masterCall;
        private MasterRequest? _masterRequest;
        private TimeSpan _masterSent;
        private (TimeSpan At, Action Action)? _timer;

        protected DfsClient Client { get; } = client;
        public DfsOperation Result { get; } = result;
        protected DfsOptions Options => Client._options;
        protected TimeSpan Now => Client._context.Now;

        public abstract void Begin();

        protected virtual void OnMaster(MasterResponse response) { }
        protected virtual void OnServer(NodeId from, DfsMessage message) { }
        protected virtual void OnServerTimeout(long requestId, NodeId server) { }
        protected virtual void OnTick() { }
        protected virtual void OnTimeout() => Fail(DfsError.Timeout, $"not done after {Options.OperationTimeout.TotalSeconds:F0} s");

        public void Deliver(NodeId from, DfsMessage message)
        {
            if (Result.IsCompleted) return;
            if (message is MasterResponse response)
            {
                if (_masterRequest?.RequestId != response.RequestId) return; // an answer to a resent request we no longer wait for
                _masterRequest = null;
                if (response.Error is DfsError.SafeMode or DfsError.TryAgain)
                {
                    var again = _masterCall!;
                    After(Options.ClientRpcTimeout / 2, () => CallMaster(again));
                    return;
                }
                OnMaster(response);
                return;
            }
            var id = message switch { ReadReply r => r.RequestId, WriteReply w => w.RequestId, _ => 0 };
            if (id != 0 && !_serverCalls.Remove(id)) return; // late: already timed out
            OnServer(from, message);
        }

        public void Tick()
        {
            if (Result.IsCompleted) return;
            if (Now - Result.Started >= Options.OperationTimeout)
            {
                OnTimeout();
                return;
            }
            if (_masterRequest is { } pending && Now - _masterSent >= Options.ClientRpcTimeout)
            {
                _masterSent = Now;
                Client.Send(Client.Master, pending); // same id: the master answers a duplicate from its cache
            }
            foreach (var (id, call) in _serverCalls.Count == 0 ? [] : _serverCalls.Where(kv => Now >= kv.Value.Deadline).ToArray())
            {
                _serverCalls.Remove(id);
                OnServerTimeout(id, call.Server);
                if (Result.IsCompleted) return;
            }
            if (_timer is { } t && Now >= t.At)
            {
                _timer = null;
                t.Action();
            }
            if (!Result.IsCompleted) OnTick();
        }

        protected void CallMaster(Func<long, MasterRequest> make)
        {
            _masterCall = make;
            _masterRequest = make(Register());
            _masterSent = Now;
            Client.Send(Client.Master, _masterRequest);
        }

        protected long CallServer(NodeId server, Func<long, DfsMessage> make, TimeSpan timeout)
        {
            var id = Register();
            _serverCalls[id] = (server, Now + timeout);
            Client.Send(server, make(id));
            return id;
        }

        /// <summary>Sends <paramref name="message"/> again under the same id, with a fresh timeout.</summary>
        protected long Resend(NodeId server, long id, DfsMessage message, TimeSpan timeout)
        {
            _serverCalls[id] = (server, Now + timeout);
            Client.Send(server, message);
            return id;
        }

        /// <summary>An id under which server messages (e.g. DataReceived for a push) reach this operation.</summary>
        protected long Register()
        {
            var id = Client.NewId();
            _ids.Add(id);
            Client._byId[id] = this;
            return id;
        }

        protected void After(TimeSpan delay, Action action) => _timer = (Now + delay, action);

        protected void Succeed()
        {
            Result.Succeed(Now);
            Done();
        }

        protected void Fail(DfsError error, string? detail = null)
        {
            Result.Fail(Now, error, detail);
            Done();
        }

        private void Done()
        {
            foreach (var id in _ids) Client._byId.Remove(id);
            Client._active.Remove(this);
        }
    }

    /// <summary>A single request to the master: create, mkdir, delete, list.</summary>
    private sealed class MasterOperation(DfsClient client, DfsOperation result, Func<long, MasterRequest> request) : Operation(client, result)
    {
        public override void Begin() => CallMaster(request);

        protected override void OnMaster(MasterResponse response)
        {
            if (response.Error != DfsError.None)
            {
                Fail(response.Error, (response as MasterReply)?.Detail);
                return;
            }
            if (response is ListingReply listing) Result.Entries = listing.Entries;
            Succeed();
        }
    }

    /// <summary>A direct read of one replica (no master, no fallback).</summary>
    private sealed class ReplicaReadOperation(DfsClient client, DfsOperation result, NodeId server, ReadChunk read) : Operation(client, result)
    {
        public override void Begin() => CallServer(server, id => read with { RequestId = id }, Options.ClientDataTimeout);

        protected override void OnServer(NodeId from, DfsMessage message)
        {
            if (message is not ReadReply reply) return;
            Result.ReplicaStatus = reply.Status;
            if (reply.Status != ChunkStatus.Ok)
            {
                Fail(DfsError.DataUnavailable, $"{from}: {reply.Status}");
                return;
            }
            Result.Data = reply.Data;
            Succeed();
        }

        protected override void OnServerTimeout(long requestId, NodeId server) => Fail(DfsError.Timeout, $"{server} did not answer");
    }
}

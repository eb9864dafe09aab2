using Course.Simulation;

namespace Course.Distributed.Storage;

public sealed partial class DfsClient
{
    /// <summary>
    /// A read (GFS §2.4): ask the master for the file's chunks, versions and replica locations, then read every
    /// chunk at once, each from its nearest replica. A replica that is down, stale, corrupt or slow is simply
    /// skipped for the next nearest; when a chunk has no replica left to try, the client asks the master again
    /// (after a pause, re-replication may have made new copies) — a few rounds, then the read fails.
    /// </summary>
    private sealed class ReadOperation(DfsClient client, DfsOperation result, string path, long offset, int? count) : Operation(client, result)
    {
        private const int MaxRounds = 5;
        private readonly List<Piece> _pieces = [];
        private byte[] _buffer = [];
        private long _start;
        private int _rounds;
        private bool _asking;

        public override void Begin() => Ask();

        private void Ask()
        {
            _asking = true;
            CallMaster(id => new GetFileInfo(id, path));
        }

        protected override void OnMaster(MasterResponse response)
        {
            _asking = false;
            if (response is not FileInfoReply info) return;
            if (info.Error != DfsError.None)
            {
                Fail(info.Error);
                return;
            }
            if (_rounds++ == 0) Plan(info.Length);
            foreach (var piece in _pieces.Where(p => !p.Done && p.Outstanding is null))
            {
                if (piece.Index >= info.Chunks.Count)
                {
                    Fail(DfsError.DataUnavailable, $"chunk {piece.Index} is no longer part of the file");
                    return;
                }
                var chunk = info.Chunks[piece.Index];
                piece.Chunk = chunk;
                piece.Candidates = new Queue<NodeId>(Client._topology.ByDistance(Client.Self, chunk.Replicas, Client._context.Random));
                TryNext(piece);
            }
            Progress();
        }

        /// <summary>Fixes the byte range at the length the master reported first, and cuts it at chunk boundaries.</summary>
        private void Plan(long length)
        {
            _start = Math.Min(offset, length);
            var end = count is { } n ? Math.Min(length, offset + n) : length;
            _buffer = new byte[end - _start];
            var size = Options.ChunkSize;
            for (var at = _start; at < end;)
            {
                var index = (int)(at / size);
                var within = (int)(at % size);
                var take = (int)Math.Min(size - within, end - at);
                _pieces.Add(new Piece(index, within, take, (int)(at - _start)));
                at += take;
            }
        }

        private void TryNext(Piece piece)
        {
            if (piece.Candidates.Count == 0)
            {
                piece.Outstanding = null;
                return; // Progress() asks the master again once nothing else is in flight
            }
            var server = piece.Candidates.Dequeue();
            var chunk = piece.Chunk!;
            piece.Sent = Now;
            piece.Server = server;
            piece.Outstanding = CallServer(server, id => new ReadChunk(id, chunk.Handle, chunk.Version, piece.Within, piece.Length), Options.ClientDataTimeout);
        }

        private void Retry()
        {
            if (_asking || Result.IsCompleted) return;
            if (_rounds >= MaxRounds)
            {
                var failing = _pieces.First(p => !p.Done);
                Fail(DfsError.DataUnavailable, $"no replica of chunk {failing.Index} ({failing.Chunk?.Handle}) could serve it: {string.Join(", ", failing.Failures)}");
                return;
            }
            _asking = true;
            After(Options.ClientRpcTimeout, Ask);
        }

        protected override void OnServer(NodeId from, DfsMessage message)
        {
            if (message is not ReadReply reply || _pieces.FirstOrDefault(p => p.Outstanding == reply.RequestId) is not { } piece) return;
            Record(piece, reply.Status, reply.Data.Length);
            if (reply.Status == ChunkStatus.Ok && reply.Data.Length == piece.Length)
            {
                reply.Data.CopyTo(_buffer, piece.At);
                piece.Done = true;
                piece.Outstanding = null;
                Progress();
                return;
            }
            piece.Failures.Add($"{from}: {reply.Status}");
            TryNext(piece);
            Progress();
        }

        protected override void OnServerTimeout(long requestId, NodeId server)
        {
            if (_pieces.FirstOrDefault(p => p.Outstanding == requestId) is not { } piece) return;
            Record(piece, ChunkStatus.SecondaryFailed, 0);
            piece.Failures.Add($"{server}: no answer");
            TryNext(piece);
            Progress();
        }

        private void Record(Piece piece, ChunkStatus status, int bytes) =>
            Client._reads.Add(new ChunkReadRecord(Now, Client.Self, piece.Server, Client._topology.Distance(Client.Self, piece.Server), bytes, Now - piece.Sent, status));

        /// <summary>Done when every piece is; when some piece has no replica left to try and nothing is in flight, ask the master again.</summary>
        private void Progress()
        {
            if (Result.IsCompleted) return;
            if (_pieces.All(p => p.Done))
            {
                Result.Data = _buffer;
                Succeed();
            }
            else if (_pieces.All(p => p.Done || p.Outstanding is null)) Retry();
        }

        private sealed class Piece(int index, int within, int length, int at)
        {
            public int Index { get; } = index;
            public int Within { get; } = within;
            public int Length { get; } = length;
            public int At { get; } = at;
            public ChunkLocations? Chunk { get; set; }
            public Queue<NodeId> Candidates { get; set; } = new();
            public long? Outstanding { get; set; }
            public NodeId Server { get; set; }
            public TimeSpan Sent { get; set; }
            public bool Done { get; set; }
            public List<string> Failures { get; } = [];
        }
    }
}

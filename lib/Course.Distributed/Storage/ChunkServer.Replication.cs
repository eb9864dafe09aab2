using Course.Simulation;

namespace Course.Distributed.Storage;

public sealed partial class ChunkServer
{
    private readonly Dictionary<ChunkHandle, (long Version, TimeSpan Deadline)> _fetches = [];

    /// <summary>GFS §4.3: "the master instructs some chunkserver to copy the chunk data directly from an existing valid replica".</summary>
    private void OnCloneChunk(CloneChunk m)
    {
        if (_replicas.TryGetValue(m.Handle, out var have) && have.Version == m.Version && !_corrupt.Contains(m.Handle))
        {
            Send(Master, new CloneDone(m.Handle, m.Version, have.Length, ChunkStatus.Ok, _bootId, _sequence)); // already here
            return;
        }
        _fetches[m.Handle] = (m.Version, _context.Now + _options.CloneTimeout);
        Send(m.Source, new FetchChunk(m.Handle, m.Version));
    }

    /// <summary>The clone source sends its whole replica — verified first, so corruption is never copied.</summary>
    private void OnFetchChunk(NodeId target, FetchChunk m)
    {
        var status = Usable(m.Handle, m.Version);
        var data = Array.Empty<byte>();
        if (status == ChunkStatus.Ok)
        {
            status = _io.ReadAll(m.Handle, out data);
            if (status == ChunkStatus.Corrupt) FoundCorrupt(m.Handle);
        }
        Send(target, new ChunkContents(m.Handle, m.Version, status, data));
    }

    private void OnChunkContents(ChunkContents m)
    {
        if (!_fetches.TryGetValue(m.Handle, out var fetch) || fetch.Version != m.Version) return;
        _fetches.Remove(m.Handle);
        if (m.Status == ChunkStatus.Ok && !(_replicas.TryGetValue(m.Handle, out var have) && have.Version > m.Version))
        {
            _io.Replace(m.Handle, m.Version, m.Data);
            Refresh(m.Handle);
            _corrupt.Remove(m.Handle);
            _leases.Remove(m.Handle);
            _applied.Remove(m.Handle);
            _context.Note("chunkserver", $"cloned {m.Handle}@v{m.Version} ({m.Data.Length} B)");
            Send(Master, new CloneDone(m.Handle, m.Version, m.Data.Length, ChunkStatus.Ok, _bootId, _sequence));
        }
        else Send(Master, new CloneDone(m.Handle, m.Version, 0, m.Status == ChunkStatus.Ok ? ChunkStatus.NewerVersion : m.Status, _bootId, _sequence));
    }

    private void ExpireFetches()
    {
        foreach (var handle in _fetches.Where(kv => _context.Now >= kv.Value.Deadline).Select(kv => kv.Key).ToArray()) _fetches.Remove(handle);
    }

    /// <summary>
    /// GFS §5.2: "During idle periods, chunkservers can scan and verify the contents of inactive chunks", so a
    /// rarely read replica does not rot unnoticed and fool the master into counting it. One chunk per interval.
    /// </summary>
    private void Scrub()
    {
        var next = _replicas.Keys.Where(h => h.CompareTo(_scrubbed) > 0).Cast<ChunkHandle?>().FirstOrDefault()
                   ?? _replicas.Keys.Cast<ChunkHandle?>().FirstOrDefault();
        if (next is not { } handle) return;
        _scrubbed = handle;
        if (_corrupt.Contains(handle) || IsPrimary(handle)) return;
        if (_io.ReadAll(handle, out _) == ChunkStatus.Corrupt) FoundCorrupt(handle);
    }
}

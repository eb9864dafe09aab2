using Course.Simulation;

namespace Course.Distributed.Transactions.TwoPhaseCommit;

/// <summary>
/// An append-only log on a node's durable storage, one blob per record ("2pc/log/0", "2pc/log/1", …), so an
/// append is one atomic write: a crash leaves a prefix of the log, never half a record. <see cref="Force"/>
/// is the forced write of the literature — on disk before the call returns. <see cref="AppendLazily"/> is a
/// volatile tail flushed later (a group commit), which only the deliberately broken participant uses.
/// </summary>
public sealed class WriteAheadLog
{
    internal const string Prefix = "2pc/log/";
    private readonly IDurableStorage _storage;
    private readonly List<LogRecord> _records;
    private readonly List<LogRecord> _unflushed = [];

    /// <summary>Opens the log on <paramref name="storage"/> and reads what survived (recovery reads it all).</summary>
    public WriteAheadLog(IDurableStorage storage)
    {
        _storage = storage ?? throw new ArgumentNullException(nameof(storage));
        _records = [.. ReadAll(storage)];
    }

    /// <summary>The durable records, oldest first.</summary>
    public IReadOnlyList<LogRecord> Records => _records;

    /// <summary>Records appended lazily and not yet on disk (lost by a crash).</summary>
    public int UnflushedCount => _unflushed.Count;

    /// <summary>Appends and writes through: the record survives any later crash. Flushes the lazy tail first, keeping the order.</summary>
    public void Force(LogRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        Flush();
        Write(record);
    }

    /// <summary>Appends to the volatile tail; <see cref="Flush"/> writes it later.</summary>
    public void AppendLazily(LogRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        _unflushed.Add(record);
    }

    public void Flush()
    {
        foreach (var record in _unflushed) Write(record);
        _unflushed.Clear();
    }

    /// <summary>Reads the durable log of a node without running it (how the harness audits a crashed node).</summary>
    public static IReadOnlyList<LogRecord> ReadAll(IDurableStorage storage)
    {
        ArgumentNullException.ThrowIfNull(storage);
        var records = new List<LogRecord>();
        while (storage.Read(Prefix + records.Count) is { } bytes) records.Add(LogRecord.Decode(bytes));
        return records;
    }

    private void Write(LogRecord record)
    {
        _storage.Write(Prefix + _records.Count, record.Encode());
        _records.Add(record);
    }
}

using System.Text;
using Course.Simulation;

namespace Course.Distributed.Transport;

/// <summary>
/// <see cref="IDurableStorage"/> on disk: one file per key in a directory of its own. A write goes to a temp file,
/// is flushed, and is renamed over the old file — rename is atomic on POSIX, so after a crash a key holds either
/// the old bytes or the new ones, never half of each. A new instance on the same directory is the restarted
/// node's disk.
/// </summary>
public sealed class FileDurableStorage : IDurableStorage
{
    private const string BlobSuffix = ".blob";
    private const string TempSuffix = ".tmp";
    private readonly Lock _lock = new();

    /// <param name="directory">Created if missing. Leftover temp files of an interrupted write are deleted.</param>
    /// <param name="flushToDisk">fsync every write (survives power loss, costs latency); off still survives a process kill.</param>
    public FileDurableStorage(string directory, bool flushToDisk = true)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        Directory = Path.GetFullPath(directory);
        FlushToDisk = flushToDisk;
        System.IO.Directory.CreateDirectory(Directory);
        foreach (var temp in System.IO.Directory.EnumerateFiles(Directory, "*" + TempSuffix)) File.Delete(temp);
    }

    public string Directory { get; }
    public bool FlushToDisk { get; }
    public long Writes { get; private set; }
    public long BytesWritten { get; private set; }

    public byte[]? Read(string key)
    {
        var path = PathOf(key);
        lock (_lock)
        {
            try { return File.ReadAllBytes(path); }
            catch (FileNotFoundException) { return null; }
        }
    }

    public void Write(string key, byte[] value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var path = PathOf(key);
        var temp = path[..^BlobSuffix.Length] + TempSuffix;
        lock (_lock)
        {
            using (var file = new FileStream(temp, FileMode.Create, FileAccess.Write, FileShare.None))
            {
                file.Write(value);
                file.Flush(flushToDisk: FlushToDisk);
            }
            File.Move(temp, path, overwrite: true);
            Writes++;
            BytesWritten += value.Length;
        }
    }

    public void Delete(string key)
    {
        var path = PathOf(key);
        lock (_lock) File.Delete(path);
    }

    public long SizeOf(string key)
    {
        var info = new FileInfo(PathOf(key));
        lock (_lock) return info.Exists ? info.Length : 0;
    }

    /// <summary>The keys stored, decoded from their file names.</summary>
    public IReadOnlyList<string> Keys()
    {
        lock (_lock)
            return System.IO.Directory.EnumerateFiles(Directory, "*" + BlobSuffix)
                .Select(f => DecodeKey(Path.GetFileName(f)[..^BlobSuffix.Length]))
                .Order(StringComparer.Ordinal)
                .ToArray();
    }

    private string PathOf(string key)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        return Path.Combine(Directory, EncodeKey(key) + BlobSuffix);
    }

    /// <summary>Keys may hold '/' ("paxos/acceptor"): anything but [A-Za-z0-9_-] is %-escaped, so a key never names another directory.</summary>
    private static string EncodeKey(string key)
    {
        var name = new StringBuilder(key.Length);
        foreach (var b in Encoding.UTF8.GetBytes(key))
        {
            if (char.IsAsciiLetterOrDigit((char)b) || b is (byte)'_' or (byte)'-') name.Append((char)b);
            else name.Append('%').Append(b.ToString("X2"));
        }
        return name.ToString();
    }

    private static string DecodeKey(string name)
    {
        var bytes = new List<byte>(name.Length);
        for (var i = 0; i < name.Length; i++)
        {
            if (name[i] == '%' && i + 2 < name.Length) { bytes.Add(Convert.ToByte(name.Substring(i + 1, 2), 16)); i += 2; }
            else bytes.Add((byte)name[i]);
        }
        return Encoding.UTF8.GetString(bytes.ToArray());
    }
}

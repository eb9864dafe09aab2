namespace Course.Distributed.Storage;

/// <summary>Why a file-system operation failed, as the client library reports it.</summary>
public enum DfsError
{
    None,
    NotFound,
    AlreadyExists,
    NotADirectory,
    IsADirectory,
    DirectoryNotEmpty,
    InvalidPath,
    /// <summary>Another client holds the file's writer lease (HDFS §2: one writer per file).</summary>
    WriterConflict,
    /// <summary>No live, up-to-date replica of a chunk is known to the master.</summary>
    NoReplicas,
    /// <summary>The master has just restarted and waits for heartbeats and old leases to run out.</summary>
    SafeMode,
    /// <summary>Transient: ask again (e.g. the designated primary did not answer the version bump).</summary>
    TryAgain,
    /// <summary>The append could not be committed: the file or a chunk version changed under the writer.</summary>
    Conflict,
    /// <summary>Every replica of some chunk failed to serve the read (down, stale or corrupt).</summary>
    DataUnavailable,
    /// <summary>A write failed on every attempt; the file's committed length was not changed.</summary>
    WriteFailed,
    /// <summary>The operation did not finish before its deadline.</summary>
    Timeout,
    BadRequest,
}

/// <summary>A chunk server's answer to one chunk operation.</summary>
public enum ChunkStatus
{
    Ok,
    NoSuchChunk,
    /// <summary>The replica's version is lower than the one asked for: it missed mutations (GFS §4.5).</summary>
    StaleVersion,
    /// <summary>The replica's version is higher: the asker's metadata is out of date.</summary>
    NewerVersion,
    /// <summary>A checksum did not match (GFS §5.2): the replica is reported and must not be used.</summary>
    Corrupt,
    /// <summary>This server holds no valid lease for the chunk at that version.</summary>
    NotPrimary,
    /// <summary>The pushed data is not in this server's buffer (never arrived, or the server restarted).</summary>
    DataMissing,
    /// <summary>A secondary got a mutation serial number out of order.</summary>
    OutOfOrder,
    /// <summary>A write would leave a hole (offset beyond the replica's length).</summary>
    Gap,
    /// <summary>The replica holds fewer bytes than were asked for.</summary>
    Short,
    /// <summary>At least one secondary failed or did not answer.</summary>
    SecondaryFailed,
}

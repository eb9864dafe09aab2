using System.Text;
using Course.Simulation;

namespace Course.Distributed.Transactions.TwoPhaseCommit;

/// <summary>
/// What the write-ahead logs of 2PC hold. A participant writes <see cref="Prepared"/> (with the redo
/// after-images and who else takes part) before it votes YES and a <see cref="Decision"/> before it applies
/// one; the coordinator writes a <see cref="Decision"/> (with the participants, to re-send it after a crash)
/// before it sends one, and <see cref="End"/> once every participant acknowledged it.
/// </summary>
public abstract record LogRecord(TransactionId Transaction)
{
    public sealed record Prepared(TransactionId Transaction, NodeId Coordinator, IReadOnlyList<NodeId> Participants, IReadOnlyList<AfterImage> Writes)
        : LogRecord(Transaction)
    {
        public override string ToString() => $"PREPARED {Transaction} [{string.Join(", ", Writes)}]";
    }

    public sealed record Decision(TransactionId Transaction, TransactionOutcome Outcome, IReadOnlyList<NodeId> Participants)
        : LogRecord(Transaction)
    {
        public override string ToString() => $"{(Outcome == TransactionOutcome.Committed ? "COMMIT" : "ABORT")} {Transaction}";
    }

    public sealed record End(TransactionId Transaction) : LogRecord(Transaction)
    {
        public override string ToString() => $"END {Transaction}";
    }

    // Hand-written binary: the layout is obvious and the sizes honest.
    internal byte[] Encode()
    {
        using var stream = new MemoryStream();
        using (var w = new BinaryWriter(stream, Encoding.UTF8, leaveOpen: true))
        {
            w.Write(Transaction.Value);
            switch (this)
            {
                case Prepared p:
                    w.Write((byte)1);
                    w.Write(p.Coordinator.Value);
                    WriteNodes(w, p.Participants);
                    w.Write(p.Writes.Count);
                    foreach (var image in p.Writes) { w.Write(image.Account); w.Write(image.Balance); }
                    break;
                case Decision d:
                    w.Write((byte)2);
                    w.Write((byte)d.Outcome);
                    WriteNodes(w, d.Participants);
                    break;
                case End:
                    w.Write((byte)3);
                    break;
            }
        }
        return stream.ToArray();
    }

    internal static LogRecord Decode(byte[] bytes)
    {
        using var r = new BinaryReader(new MemoryStream(bytes), Encoding.UTF8);
        var tx = new TransactionId(r.ReadInt64());
        switch (r.ReadByte())
        {
            case 1:
                var coordinator = new NodeId(r.ReadInt32());
                var participants = ReadNodes(r);
                var writes = new AfterImage[r.ReadInt32()];
                for (var i = 0; i < writes.Length; i++) writes[i] = new AfterImage(r.ReadString(), r.ReadInt64());
                return new Prepared(tx, coordinator, participants, writes);
            case 2:
                var outcome = (TransactionOutcome)r.ReadByte();
                return new Decision(tx, outcome, ReadNodes(r));
            case 3:
                return new End(tx);
            default:
                throw new InvalidDataException($"Unknown log record type for {tx}.");
        }
    }

    private static void WriteNodes(BinaryWriter w, IReadOnlyList<NodeId> nodes)
    {
        w.Write(nodes.Count);
        foreach (var n in nodes) w.Write(n.Value);
    }

    private static NodeId[] ReadNodes(BinaryReader r)
    {
        var nodes = new NodeId[r.ReadInt32()];
        for (var i = 0; i < nodes.Length; i++) nodes[i] = new NodeId(r.ReadInt32());
        return nodes;
    }
}

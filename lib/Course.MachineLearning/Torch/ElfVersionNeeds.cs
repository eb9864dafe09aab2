using System.Buffers.Binary;
using System.Text;

namespace Course.MachineLearning.Torch;

/// <summary>
/// Reads and edits the symbol-version requirements of an ELF64 little-endian shared object: the
/// <c>.gnu.version_r</c> section (SHT_GNU_verneed), a chain of Elf64_Verneed records per needed library, each
/// with a chain of Elf64_Vernaux records naming one version (e.g. GLIBCXX_3.4.32 from libstdc++.so.6).
/// Layouts: System V gABI "Symbol Versioning" (LSB Core spec §10.7.4). The dynamic loader refuses to load a
/// library whose requirement is missing — unless the Vernaux entry carries VER_FLG_WEAK, when it only checks
/// the symbols that actually bind to that version.
/// </summary>
public static class ElfVersionNeeds
{
    public const ushort VerFlagWeak = 0x2;
    private const uint ShtGnuVerneed = 0x6ffffffe;

    /// <summary>One required version: library, version name, flags, and the byte offset of its vna_flags field.</summary>
    public sealed record Requirement(string Library, string Version, ushort Flags, long FlagsOffset)
    {
        public bool IsWeak => (Flags & VerFlagWeak) != 0;
    }

    public static IReadOnlyList<Requirement> Read(byte[] elf)
    {
        if (elf.Length < 64 || elf[0] != 0x7f || elf[1] != 'E' || elf[2] != 'L' || elf[3] != 'F')
            throw new InvalidDataException("Not an ELF file.");
        if (elf[4] != 2 || elf[5] != 1) throw new InvalidDataException("Only 64-bit little-endian ELF is supported.");
        var shoff = (long)U64(elf, 0x28);
        var shentsize = U16(elf, 0x3A);
        var shnum = U16(elf, 0x3C);
        var result = new List<Requirement>();
        for (var s = 0; s < shnum; s++)
        {
            var sh = shoff + s * shentsize;
            if (U32(elf, sh + 4) != ShtGnuVerneed) continue;
            var offset = (long)U64(elf, sh + 0x18);
            var link = U32(elf, sh + 0x28); // the string table the names index into (.dynstr)
            var strtab = (long)U64(elf, shoff + link * shentsize + 0x18);
            var count = U32(elf, sh + 0x2C); // sh_info = number of Verneed records
            var vn = offset;
            for (var n = 0; n < count; n++)
            {
                var library = Name(elf, strtab + U32(elf, vn + 4));
                var aux = vn + U32(elf, vn + 8);
                for (var a = 0; a < U16(elf, vn + 2); a++)
                {
                    result.Add(new Requirement(library, Name(elf, strtab + U32(elf, aux + 8)), U16(elf, aux + 4), aux + 4));
                    aux += U32(elf, aux + 12);
                }
                vn += U32(elf, vn + 12);
            }
        }
        return result;
    }

    /// <summary>Sets VER_FLG_WEAK on <paramref name="version"/>'s requirement; returns false if it was already weak.</summary>
    public static bool MarkWeak(byte[] elf, string version)
    {
        var requirement = Read(elf).FirstOrDefault(r => r.Version == version)
            ?? throw new InvalidOperationException($"The library does not require {version}.");
        if (requirement.IsWeak) return false;
        BinaryPrimitives.WriteUInt16LittleEndian(elf.AsSpan((int)requirement.FlagsOffset), (ushort)(requirement.Flags | VerFlagWeak));
        return true;
    }

    private static ushort U16(byte[] b, long at) => BinaryPrimitives.ReadUInt16LittleEndian(b.AsSpan((int)at));
    private static uint U32(byte[] b, long at) => BinaryPrimitives.ReadUInt32LittleEndian(b.AsSpan((int)at));
    private static ulong U64(byte[] b, long at) => BinaryPrimitives.ReadUInt64LittleEndian(b.AsSpan((int)at));

    private static string Name(byte[] b, long at)
    {
        var end = Array.IndexOf(b, (byte)0, (int)at);
        return Encoding.ASCII.GetString(b, (int)at, end - (int)at);
    }
}

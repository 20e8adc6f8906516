using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace RecordAccess.Core.Policy;

/// <summary>
/// A projection snapshot (decision 0100): the whole <see cref="PolicyState"/> at one version as a compact binary image,
/// cut into parts of at most <see cref="PartSize"/> bytes so that stores keep it as ordinary rows. Part 0 is a header
/// (magic, <see cref="Format"/>, version, body length, SHA-256 of the body); the body follows in parts 1..n.
/// A snapshot is only ever a shortcut: <see cref="Restore"/> refuses anything it cannot prove whole and of this format,
/// and the loader then replays the whole log (fail closed to the slow path, never to a wrong state).
/// </summary>
public static class PolicySnapshot
{
    /// <summary>The image format this build writes and reads; any change to the image layout increments it.</summary>
    public const int Format = 1;

    /// <summary>The largest part, in bytes.</summary>
    public const int PartSize = 1 << 20;

    private const int HeaderSize = 4 + 4 + 8 + 8 + 32;
    private static readonly byte[] Magic = "RAPS"u8.ToArray();

    /// <summary>Captures <paramref name="state"/> at its current version (under its read lock: appliers wait meanwhile).</summary>
    /// <param name="state">The live state.</param>
    public static PolicySnapshotImage Capture(PolicyState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        var body = new PartWriter();
        using (var writer = new BinaryWriter(body, Encoding.UTF8, leaveOpen: true))
        {
            state.WriteImage(writer);
        }

        var parts = body.Complete();
        var version = BinaryPrimitives.ReadInt64LittleEndian(parts[0]);
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        long length = 0;
        foreach (var part in parts)
        {
            hash.AppendData(part);
            length += part.Length;
        }

        var header = new byte[HeaderSize];
        Magic.CopyTo(header, 0);
        BinaryPrimitives.WriteInt32LittleEndian(header.AsSpan(4), Format);
        BinaryPrimitives.WriteInt64LittleEndian(header.AsSpan(8), version);
        BinaryPrimitives.WriteInt64LittleEndian(header.AsSpan(16), length);
        hash.GetHashAndReset().CopyTo(header, 24);
        return new PolicySnapshotImage(version, Format, [header, .. parts]);
    }

    /// <summary>
    /// Rebuilds the state an image holds, after checking that it is whole (length and SHA-256), of this
    /// <see cref="Format"/>, at the version its store row claims and not newer than the log.
    /// </summary>
    /// <param name="image">The image as read from the store.</param>
    /// <param name="logVersion">The latest version of the log the state will follow.</param>
    /// <exception cref="InvalidDataException">The image is not one this build may trust; the message says why.</exception>
    public static PolicyState Restore(PolicySnapshotImage image, long logVersion)
    {
        ArgumentNullException.ThrowIfNull(image);
        if (image.Format != Format)
        {
            throw new InvalidDataException($"format {image.Format}, this build reads {Format}");
        }

        if (image.Version > logVersion)
        {
            throw new InvalidDataException($"version {image.Version} is newer than the log (version {logVersion})");
        }

        var header = image.Parts.Count > 0 ? image.Parts[0] : [];
        if (header.Length != HeaderSize || !header.AsSpan(0, 4).SequenceEqual(Magic))
        {
            throw new InvalidDataException("no snapshot header");
        }

        var format = BinaryPrimitives.ReadInt32LittleEndian(header.AsSpan(4));
        var version = BinaryPrimitives.ReadInt64LittleEndian(header.AsSpan(8));
        var length = BinaryPrimitives.ReadInt64LittleEndian(header.AsSpan(16));
        if (format != Format || version != image.Version)
        {
            throw new InvalidDataException($"the header says format {format} version {version}, the row format {image.Format} version {image.Version}");
        }

        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        long actual = 0;
        for (var i = 1; i < image.Parts.Count; i++)
        {
            hash.AppendData(image.Parts[i]);
            actual += image.Parts[i].Length;
        }

        if (actual != length || !hash.GetHashAndReset().AsSpan().SequenceEqual(header.AsSpan(24, 32)))
        {
            throw new InvalidDataException("the body does not match its length and SHA-256 (corrupt or incomplete)");
        }

        using var body = new PartReader(image.Parts);
        using var reader = new BinaryReader(body, Encoding.UTF8, leaveOpen: true);
        PolicyState state;
        try
        {
            state = PolicyState.ReadImage(reader);
        }
        catch (EndOfStreamException e)
        {
            throw new InvalidDataException("the body ends early", e);
        }
        catch (ArgumentException e)
        {
            throw new InvalidDataException($"the body is malformed: {e.Message}", e);
        }
        catch (FormatException e)
        {
            throw new InvalidDataException($"the body is malformed: {e.Message}", e);
        }

        if (state.Version != version || body.Position != length)
        {
            state.Dispose();
            throw new InvalidDataException("the body does not end where its header says");
        }

        return state;
    }

    /// <summary>A write-only stream that keeps what is written as parts of <see cref="PartSize"/> bytes.</summary>
    private sealed class PartWriter : Stream
    {
        private readonly List<byte[]> _parts = [];
        private byte[] _current = new byte[PartSize];
        private int _used;

        public override bool CanRead => false;

        public override bool CanSeek => false;

        public override bool CanWrite => true;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public List<byte[]> Complete()
        {
            if (_used > 0)
            {
                _parts.Add(_current[.._used]);
            }

            _current = [];
            _used = 0;
            return _parts;
        }

        public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

        public override void Write(ReadOnlySpan<byte> buffer)
        {
            while (!buffer.IsEmpty)
            {
                var n = Math.Min(buffer.Length, PartSize - _used);
                buffer[..n].CopyTo(_current.AsSpan(_used));
                _used += n;
                buffer = buffer[n..];
                if (_used == PartSize)
                {
                    _parts.Add(_current);
                    _current = new byte[PartSize];
                    _used = 0;
                }
            }
        }

        public override void WriteByte(byte value) => Write([value]);

        public override void Flush()
        {
        }

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();
    }

    /// <summary>A read-only stream over parts 1..n of an image.</summary>
    private sealed class PartReader(IReadOnlyList<byte[]> parts) : Stream
    {
        private int _part = 1;
        private int _offset;
        private long _position;

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => _position; set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

        public override int Read(Span<byte> buffer)
        {
            while (_part < parts.Count && _offset == parts[_part].Length)
            {
                _part++;
                _offset = 0;
            }

            if (_part >= parts.Count || buffer.IsEmpty)
            {
                return 0;
            }

            var n = Math.Min(buffer.Length, parts[_part].Length - _offset);
            parts[_part].AsSpan(_offset, n).CopyTo(buffer);
            _offset += n;
            _position += n;
            return n;
        }

        public override int ReadByte()
        {
            Span<byte> one = stackalloc byte[1];
            return Read(one) == 1 ? one[0] : -1;
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}

using System.Collections.Concurrent;
using FASTER.core;
using Microsoft.Win32.SafeHandles;

namespace Tsdb.Storage.Internal;

/// <summary>
/// A FASTER device over local segment files (<c>{prefix}.{segment}</c>, the names and the unbuffered, write-through
/// I/O of FASTER's own <see cref="ManagedLocalStorageDevice"/>, so a folder written by either is read by the other)
/// whose reads and writes run one at a time on a thread of its own, which also calls FASTER's completion callbacks.
/// <para>Why: the WAL's writer waits (FasterLog.Enqueue spins) once its buffer is full of pages not yet flushed, and
/// FASTER's managed device completes a flush through two or three thread-pool work items (the asynchronous write,
/// then the continuation that flushes the stream and calls back). When a fleet of new collectl nodes floods the
/// thread pool with socket reads, those items wait behind them: with 10,000 new nodes the writer spent up to 70% of
/// a second yielding in Enqueue while the disk was idle. Here a flush completes after the write itself, a millisecond
/// or two for a 1 MiB page, whatever the thread pool is doing.</para>
/// <para>Contract (IDevice's): addresses and lengths are sector-aligned (512 bytes); a callback gets error code 0 and
/// the bytes transferred, or a non-zero code and 0. Requests queued before <see cref="Dispose"/> are completed first.</para>
/// </summary>
internal sealed class DedicatedThreadDevice : StorageDeviceBase
{
    /// <summary>FILE_FLAG_NO_BUFFERING: .NET opens the file with O_DIRECT on Linux, as FASTER's device does.</summary>
    private const FileOptions NoBuffering = (FileOptions)0x20000000;

    private const uint SectorBytes = 512;

    private readonly ConcurrentDictionary<int, SafeFileHandle> _segments = new();
    private readonly BlockingCollection<Request> _requests = new();
    private readonly Thread _thread;
    private int _disposed;

    private sealed record Request(bool Write, int Segment, long Offset, IntPtr Buffer, uint Length, DeviceIOCompletionCallback Callback, object Context);

    /// <param name="filename">Path and prefix of the segment files; the folder is created.</param>
    /// <param name="threadName">Name of the I/O thread (shown by debuggers and perf).</param>
    public DedicatedThreadDevice(string filename, string threadName)
        : base(filename, SectorBytes, Devices.CAPACITY_UNSPECIFIED)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(filename))!);
        _thread = new Thread(Run) { IsBackground = true, Name = threadName };
        _thread.Start();
    }

    public override void WriteAsync(IntPtr sourceAddress, int segmentId, ulong destinationAddress, uint numBytesToWrite,
        DeviceIOCompletionCallback callback, object context) =>
        Enqueue(new Request(true, segmentId, (long)destinationAddress, sourceAddress, numBytesToWrite, callback, context));

    public override void ReadAsync(int segmentId, ulong sourceAddress, IntPtr destinationAddress, uint readLength,
        DeviceIOCompletionCallback callback, object context) =>
        Enqueue(new Request(false, segmentId, (long)sourceAddress, destinationAddress, readLength, callback, context));

    private void Enqueue(Request request)
    {
        try
        {
            _requests.Add(request);
        }
        catch (InvalidOperationException) // adding completed by Dispose
        {
            // Disposed: fail the request as FASTER's device fails I/O on a closed file.
            request.Callback(uint.MaxValue, 0, request.Context);
        }
    }

    private void Run()
    {
        foreach (var request in _requests.GetConsumingEnumerable())
        {
            uint errorCode = 0, transferred = 0;
            try
            {
                transferred = Transfer(request);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or ObjectDisposedException)
            {
                errorCode = e is IOException { HResult: var code } && (code & 0xFFFF) != 0 ? (uint)(code & 0xFFFF) : uint.MaxValue;
            }
            try
            {
                request.Callback(errorCode, transferred, request.Context);
            }
            catch (Exception)
            {
                // As with FASTER's own device, whose callbacks run in fire-and-forget tasks: a failing callback is
                // FASTER's to report, and must not stop the I/O of every later request.
            }
        }
    }

    private unsafe uint Transfer(Request request)
    {
        var handle = Handle(request.Segment);
        if (request.Write)
        {
            RandomAccess.Write(handle, new ReadOnlySpan<byte>((void*)request.Buffer, (int)request.Length), request.Offset);
            return request.Length;
        }
        // A read past the end of the file returns what there is (FASTER reads whole sectors of a partial page).
        var span = new Span<byte>((void*)request.Buffer, (int)request.Length);
        int total = 0;
        while (total < span.Length)
        {
            int read = RandomAccess.Read(handle, span[total..], request.Offset + total);
            if (read == 0) break;
            total += read;
        }
        return (uint)total;
    }

    private SafeFileHandle Handle(int segment) =>
        _segments.TryGetValue(segment, out var handle) ? handle : _segments.GetOrAdd(segment, Open);

    private SafeFileHandle Open(int segment) => File.OpenHandle(GetSegmentFilename(FileName, segment),
        FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.ReadWrite | FileShare.Delete, FileOptions.WriteThrough | NoBuffering);

    /// <summary>Closes and deletes the segment's file (FASTER calls this only for segments below its begin address,
    /// which no request addresses any more).</summary>
    public override void RemoveSegment(int segment)
    {
        if (_segments.TryRemove(segment, out var handle)) handle.Dispose();
        try { File.Delete(GetSegmentFilename(FileName, segment)); }
        catch (IOException) { }
        catch (UnauthorizedAccessException) { }
    }

    public override void RemoveSegmentAsync(int segment, AsyncCallback callback, IAsyncResult result)
    {
        RemoveSegment(segment);
        callback(result);
    }

    public override long GetFileSize(int segment) => segmentSize > 0 ? segmentSize : RandomAccess.GetLength(Handle(segment));

    /// <summary>Completes the queued requests, stops the thread and closes the files.</summary>
    public override void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0) return;
        _requests.CompleteAdding();
        if (Thread.CurrentThread != _thread) _thread.Join();
        foreach (var handle in _segments.Values) handle.Dispose();
        _segments.Clear();
    }
}

using FASTER.core;

namespace Tsdb.Storage.Internal;

/// <summary>
/// A FASTER device that passes everything to <paramref name="inner"/> and reports its first failed read or write
/// to <paramref name="fault"/>: a completion with a non-zero error code, or an exception thrown while issuing the
/// request (which then completes with an error code, as FASTER's own devices do).
/// <para>Why: FasterKV does not surface a failed page flush. It notes the error and never moves its flushed address
/// past that page, so once its memory is full of such pages every upsert waits for good in a retry loop, with
/// nothing logged (the chunk store of a removed data folder hung the final checkpoint of a SIGTERM that way). The
/// store reads <see cref="StorageFault"/> before it writes, so it stops instead of walking into that wait.</para>
/// </summary>
internal sealed class FaultReportingDevice(IDevice inner, StorageFault fault) : IDevice
{
    public uint SectorSize => inner.SectorSize;
    public string FileName => inner.FileName;
    public long Capacity => inner.Capacity;
    public long SegmentSize => inner.SegmentSize;
    public int StartSegment => inner.StartSegment;
    public int EndSegment => inner.EndSegment;

    public int ThrottleLimit
    {
        get => inner.ThrottleLimit;
        set => inner.ThrottleLimit = value;
    }

    public void Initialize(long segmentSize, LightEpoch epoch = null!, bool omitSegmentIdFromFilename = false) =>
        inner.Initialize(segmentSize, epoch, omitSegmentIdFromFilename);

    public bool TryComplete() => inner.TryComplete();

    public bool Throttle() => inner.Throttle();

    public void WriteAsync(IntPtr sourceAddress, int segmentId, ulong destinationAddress, uint numBytesToWrite,
        DeviceIOCompletionCallback callback, object context)
    {
        var watched = Watch("write", segmentId, callback);
        try { inner.WriteAsync(sourceAddress, segmentId, destinationAddress, numBytesToWrite, watched, context); }
        catch (Exception e) { Failed("write", segmentId, e, callback, context); }
    }

    public void ReadAsync(int segmentId, ulong sourceAddress, IntPtr destinationAddress, uint readLength,
        DeviceIOCompletionCallback callback, object context)
    {
        var watched = Watch("read", segmentId, callback);
        try { inner.ReadAsync(segmentId, sourceAddress, destinationAddress, readLength, watched, context); }
        catch (Exception e) { Failed("read", segmentId, e, callback, context); }
    }

    public void WriteAsync(IntPtr sourceAddress, ulong destinationAddress, uint numBytesToWrite,
        DeviceIOCompletionCallback callback, object context)
    {
        var watched = Watch("write", -1, callback);
        try { inner.WriteAsync(sourceAddress, destinationAddress, numBytesToWrite, watched, context); }
        catch (Exception e) { Failed("write", -1, e, callback, context); }
    }

    public void ReadAsync(ulong sourceAddress, IntPtr destinationAddress, uint readLength,
        DeviceIOCompletionCallback callback, object context)
    {
        var watched = Watch("read", -1, callback);
        try { inner.ReadAsync(sourceAddress, destinationAddress, readLength, watched, context); }
        catch (Exception e) { Failed("read", -1, e, callback, context); }
    }

    public void TruncateUntilAddressAsync(long toAddress, AsyncCallback callback, IAsyncResult result) =>
        inner.TruncateUntilAddressAsync(toAddress, callback, result);

    public void TruncateUntilAddress(long toAddress) => inner.TruncateUntilAddress(toAddress);

    public void TruncateUntilSegmentAsync(int toSegment, AsyncCallback callback, IAsyncResult result) =>
        inner.TruncateUntilSegmentAsync(toSegment, callback, result);

    public void TruncateUntilSegment(int toSegment) => inner.TruncateUntilSegment(toSegment);

    public void RemoveSegmentAsync(int segment, AsyncCallback callback, IAsyncResult result) =>
        inner.RemoveSegmentAsync(segment, callback, result);

    public void RemoveSegment(int segment) => inner.RemoveSegment(segment);

    public long GetFileSize(int segment) => inner.GetFileSize(segment);

    public void Reset() => inner.Reset();

    public void Dispose() => inner.Dispose();

    private DeviceIOCompletionCallback Watch(string operation, int segment, DeviceIOCompletionCallback callback) =>
        (errorCode, numBytes, context) =>
        {
            if (errorCode != 0)
            {
                // FASTER's managed device reports any exception as uint.MaxValue, without the exception.
                string error = errorCode == uint.MaxValue ? "the file could not be opened or written" : $"error code {errorCode}";
                fault.Report($"{operation} of {Describe(segment)} failed ({error}){FolderGone.Hint(Path.GetDirectoryName(FileName))}");
            }
            callback(errorCode, numBytes, context);
        };

    private void Failed(string operation, int segment, Exception e, DeviceIOCompletionCallback callback, object context)
    {
        fault.Report($"{operation} of {Describe(segment)} failed ({e.GetType().Name}: {e.Message}){FolderGone.Hint(Path.GetDirectoryName(FileName))}");
        callback(uint.MaxValue, 0, context);
    }

    private string Describe(int segment) => segment < 0 ? FileName : $"{FileName}.{segment}";
}

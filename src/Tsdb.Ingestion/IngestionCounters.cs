using System.Diagnostics.Metrics;

namespace Tsdb.Ingestion;

/// <summary>A point-in-time copy of <see cref="IngestionCounters"/>.</summary>
public readonly record struct IngestionCountersSnapshot(
    long PointsReceived,
    long LinesInvalid,
    long NamesInvalid,
    long PointsDroppedNaN,
    long ConnectionsOpen,
    long ConnectionsTotal,
    long AcceptPauses,
    long AcceptFailures,
    long ConnectionsClosedOversize,
    long PickleFramesRejected,
    long PickleEntriesSkipped,
    long UdpDatagrams,
    long BatchesWritten,
    long StoreWriteErrors,
    long UdpPointsDropped,
    long ConnectionsRefusedByAddress,
    long PointsDroppedDiskFull,
    long BlacklistMatches,
    long WhitelistRejects,
    long PointsDroppedStorageFailed);

/// <summary>
/// Ingestion counters shared by all listeners and the storage writer, updated with Interlocked and
/// published as the Meter "Tsdb.Ingestion" (observable instruments read the same fields).
/// </summary>
public sealed class IngestionCounters : IDisposable
{
    public const string MeterName = "Tsdb.Ingestion";

    private readonly Meter _meter;
    private long _pointsReceived, _linesInvalid, _namesInvalid, _pointsDroppedNaN;
    private long _connectionsOpen, _connectionsTotal, _acceptPauses, _acceptFailures, _connectionsClosedOversize;
    private long _pickleFramesRejected, _pickleEntriesSkipped, _udpDatagrams, _batchesWritten, _storeWriteErrors;
    private long _udpPointsDropped, _connectionsRefusedByAddress, _pointsDroppedDiskFull;
    private long _blacklistMatches, _whitelistRejects, _pointsDroppedStorageFailed;

    public IngestionCounters(IMeterFactory? meterFactory = null)
    {
        _meter = meterFactory?.Create(MeterName) ?? new Meter(MeterName);
        Counter("tsdb.ingestion.points.received", () => _pointsReceived, "points accepted by the parsers");
        Counter("tsdb.ingestion.lines.invalid", () => _linesInvalid, "plaintext lines that are not 'path value timestamp'");
        Counter("tsdb.ingestion.names.invalid", () => _namesInvalid, "points whose metric name fails carbon's tag rules");
        Counter("tsdb.ingestion.points.nan_dropped", () => _pointsDroppedNaN, "points dropped because the value is NaN");
        _meter.CreateObservableUpDownCounter("tsdb.ingestion.connections.open", () => Volatile.Read(ref _connectionsOpen));
        Counter("tsdb.ingestion.connections.total", () => _connectionsTotal, "TCP connections accepted");
        Counter("tsdb.ingestion.accept.pauses", () => _acceptPauses, "times a TCP listener stopped accepting at MaxConnections until a connection closed");
        Counter("tsdb.ingestion.accept.failures", () => _acceptFailures, "failed accepts (out of file descriptors: the listener retries after a pause)");
        Counter("tsdb.ingestion.connections.oversize_closed", () => _connectionsClosedOversize, "connections closed for a line or frame over the limit");
        Counter("tsdb.ingestion.pickle.frames_rejected", () => _pickleFramesRejected, "pickle frames not decodable as plain data");
        Counter("tsdb.ingestion.pickle.entries_skipped", () => _pickleEntriesSkipped, "pickle entries not (path, (timestamp, value))");
        Counter("tsdb.ingestion.udp.datagrams", () => _udpDatagrams, "UDP datagrams received");
        Counter("tsdb.ingestion.batches.written", () => _batchesWritten, "batches handed to storage");
        Counter("tsdb.ingestion.store.write_errors", () => _storeWriteErrors, "batches storage failed to write");
        Counter("tsdb.ingestion.udp.points_dropped", () => _udpPointsDropped, "UDP points dropped because the channel to storage was full");
        Counter("tsdb.ingestion.connections.refused_by_address", () => _connectionsRefusedByAddress, "connections and datagrams from outside AllowedNetworks");
        Counter("tsdb.ingestion.points.disk_full_dropped", () => _pointsDroppedDiskFull, "points dropped because the data folder's disk was below MinFreeDiskMb");
        Counter("tsdb.ingestion.points.blacklisted", () => _blacklistMatches, "points dropped because their name matched the blacklist");
        Counter("tsdb.ingestion.points.not_whitelisted", () => _whitelistRejects, "points dropped because their name matched no whitelist pattern");
        Counter("tsdb.ingestion.points.storage_failed_dropped", () => _pointsDroppedStorageFailed, "points dropped because storage had failed (its files gone or unwritable)");
    }

    public IngestionCountersSnapshot Snapshot() => new(
        Volatile.Read(ref _pointsReceived), Volatile.Read(ref _linesInvalid), Volatile.Read(ref _namesInvalid),
        Volatile.Read(ref _pointsDroppedNaN), Volatile.Read(ref _connectionsOpen), Volatile.Read(ref _connectionsTotal),
        Volatile.Read(ref _acceptPauses), Volatile.Read(ref _acceptFailures), Volatile.Read(ref _connectionsClosedOversize),
        Volatile.Read(ref _pickleFramesRejected), Volatile.Read(ref _pickleEntriesSkipped), Volatile.Read(ref _udpDatagrams),
        Volatile.Read(ref _batchesWritten), Volatile.Read(ref _storeWriteErrors), Volatile.Read(ref _udpPointsDropped),
        Volatile.Read(ref _connectionsRefusedByAddress), Volatile.Read(ref _pointsDroppedDiskFull),
        Volatile.Read(ref _blacklistMatches), Volatile.Read(ref _whitelistRejects), Volatile.Read(ref _pointsDroppedStorageFailed));

    internal void AddPointsReceived(int n) => Interlocked.Add(ref _pointsReceived, n);
    internal void AddLinesInvalid(int n) => Interlocked.Add(ref _linesInvalid, n);
    internal void AddNamesInvalid(int n) => Interlocked.Add(ref _namesInvalid, n);
    internal void AddPointsDroppedNaN(int n) => Interlocked.Add(ref _pointsDroppedNaN, n);
    internal void AddBlacklistMatches(int n) => Interlocked.Add(ref _blacklistMatches, n);
    internal void AddWhitelistRejects(int n) => Interlocked.Add(ref _whitelistRejects, n);
    internal void ConnectionOpened()
    {
        Interlocked.Increment(ref _connectionsOpen);
        Interlocked.Increment(ref _connectionsTotal);
    }
    internal void ConnectionClosed() => Interlocked.Decrement(ref _connectionsOpen);

    /// <summary>TCP connections open now, over every listener sharing these counters.</summary>
    internal long OpenConnections => Volatile.Read(ref _connectionsOpen);
    internal void AcceptPaused() => Interlocked.Increment(ref _acceptPauses);
    internal void AcceptFailed() => Interlocked.Increment(ref _acceptFailures);
    internal void ConnectionClosedOversize() => Interlocked.Increment(ref _connectionsClosedOversize);
    internal void PickleFrameRejected() => Interlocked.Increment(ref _pickleFramesRejected);
    internal void AddPickleEntriesSkipped(int n) => Interlocked.Add(ref _pickleEntriesSkipped, n);
    internal void UdpDatagramReceived() => Interlocked.Increment(ref _udpDatagrams);
    internal void BatchWritten() => Interlocked.Increment(ref _batchesWritten);
    internal void StoreWriteFailed() => Interlocked.Increment(ref _storeWriteErrors);
    internal void AddUdpPointsDropped(int n) => Interlocked.Add(ref _udpPointsDropped, n);
    internal void ConnectionRefusedByAddress() => Interlocked.Increment(ref _connectionsRefusedByAddress);
    internal void AddPointsDroppedDiskFull(int n) => Interlocked.Add(ref _pointsDroppedDiskFull, n);
    internal void AddPointsDroppedStorageFailed(int n) => Interlocked.Add(ref _pointsDroppedStorageFailed, n);

    public void Dispose() => _meter.Dispose();

    private void Counter(string name, Func<long> read, string description) =>
        _meter.CreateObservableCounter(name, () => read(), unit: null, description: description);
}

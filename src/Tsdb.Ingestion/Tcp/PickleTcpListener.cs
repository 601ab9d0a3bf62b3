using System.IO.Pipelines;
using System.Net;
using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Tsdb.Core;
using Tsdb.Ingestion.Internal;
using Tsdb.Protocols.Naming;
using Tsdb.Protocols.Pickle;

namespace Tsdb.Ingestion.Tcp;

/// <summary>carbon's pickle receiver (PICKLE_RECEIVER_PORT, default 2004): length-prefixed pickled lists of
/// <c>(path, (timestamp, value))</c>, unpickled without ever resolving a global.</summary>
public sealed class PickleTcpListener(
    IPEndPoint endPoint, IngestionOptions options, ChannelWriter<PointBatch> output, MetricNameInterner names,
    IngestionCounters counters, TimeProvider time, ILogger<PickleTcpListener> logger)
    : TcpConnectionListener(endPoint, options, output, counters, time, logger)
{
    private readonly PickleFrameDecoder _decoder = new(names);

    private protected override Task<StreamEnd> ReadConnectionAsync(PipeReader input, string peer, Func<bool> moreDataPending)
    {
        var reader = new PickleStreamReader(
            _decoder, new BatchWriter(Output, Options.BatchSize), Counters, InvalidLog, Time, Options.MaxPickleFrameLength, peer);
        return reader.RunAsync(input, moreDataPending);
    }
}

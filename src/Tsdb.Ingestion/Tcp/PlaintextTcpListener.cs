using System.IO.Pipelines;
using System.Net;
using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Tsdb.Core;
using Tsdb.Ingestion.Internal;
using Tsdb.Protocols.Naming;
using Tsdb.Protocols.Plaintext;

namespace Tsdb.Ingestion.Tcp;

/// <summary>carbon's line receiver (LINE_RECEIVER_PORT, default 2003): '\n'-terminated "path value timestamp".</summary>
public sealed class PlaintextTcpListener(
    IPEndPoint endPoint, IngestionOptions options, ChannelWriter<PointBatch> output, MetricNameInterner names,
    IngestionCounters counters, TimeProvider time, ILogger<PlaintextTcpListener> logger)
    : TcpConnectionListener(endPoint, options, output, counters, time, logger)
{
    private protected override Task<StreamEnd> ReadConnectionAsync(PipeReader input, string peer, Func<bool> moreDataPending)
    {
        var reader = new PlaintextStreamReader(
            new PlaintextLineParser(names), new BatchWriter(Output, Options.BatchSize), Counters, InvalidLog, Time,
            Options.MaxLineLength, peer);
        return reader.RunAsync(input, moreDataPending);
    }
}

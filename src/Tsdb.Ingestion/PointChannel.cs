using System.Threading.Channels;
using Tsdb.Core;

namespace Tsdb.Ingestion;

/// <summary>The one bounded channel between ingestion and storage.</summary>
public static class PointChannel
{
    /// <summary>Full channel = writers wait (TCP backpressure), never drop. One reader: the storage writer.</summary>
    public static Channel<PointBatch> Create(int capacity) =>
        Channel.CreateBounded<PointBatch>(new BoundedChannelOptions(capacity)
        {
            FullMode = BoundedChannelFullMode.Wait,
            SingleReader = true,
            SingleWriter = false,
        });
}

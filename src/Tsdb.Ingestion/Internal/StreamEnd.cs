namespace Tsdb.Ingestion.Internal;

/// <summary>Why a connection's read loop returned.</summary>
internal enum StreamEnd
{
    /// <summary>The peer closed its side.</summary>
    PeerClosed,

    /// <summary>The listener is stopping.</summary>
    Stopped,

    /// <summary>A line or frame exceeded its limit; the connection must be closed.</summary>
    Oversize,
}

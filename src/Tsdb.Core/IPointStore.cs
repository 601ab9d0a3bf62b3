namespace Tsdb.Core;

/// <summary>
/// The write side of storage. Contract: <see cref="Write"/> is called by one writer thread at a time
/// (the channel consumer); it must not keep a reference to the batch after returning.
/// </summary>
public interface IPointStore
{
    void Write(PointBatch batch);
}

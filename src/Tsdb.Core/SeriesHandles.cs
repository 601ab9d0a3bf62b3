namespace Tsdb.Core;

/// <summary>A store's series as ingestion hands it back to the store with a point (<see cref="PointBatch.Series"/>),
/// so the store's writer takes the series instead of finding it by name. Opaque outside the store but for its name:
/// the store's own instance of the canonical name. Valid for as long as the store is open.</summary>
public interface ISeriesHandle
{
    string Name { get; }
}

/// <summary>
/// Where a producer that sends one name again and again keeps that name's <see cref="ISeriesHandle"/>: a point
/// whose series the producer does not know yet carries the slot instead (<see cref="PointBatch.Series"/>), and the
/// store's writer, which finds the series by name for such a point anyway, puts it here. So the producer learns
/// the handle without asking the store, and the writer looks a series up by name about once per slot.
/// Threading: the writer publishes with a release store, the producer reads with an acquire load.
/// </summary>
public class SeriesSlot
{
    private ISeriesHandle? _series;

    /// <summary>The series, once the store's writer or the producer has put it here.</summary>
    public ISeriesHandle? Series
    {
        get => Volatile.Read(ref _series);
        set => Volatile.Write(ref _series, value);
    }
}

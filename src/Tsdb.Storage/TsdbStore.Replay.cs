using Tsdb.Storage.Internal;

namespace Tsdb.Storage;

/// <summary>WAL replay's view of the series table (writer thread, during <see cref="Open"/>).</summary>
public sealed partial class TsdbStore : IWalSeriesResolver
{
    SeriesState IWalSeriesResolver.ByName(string name) => GetOrCreate(name);

    /// <summary>Ids are dense in creation order, so a definition normally names the next id. One already
    /// known (defined again after a failed append) keeps its series; a gap (an entry lost before its
    /// definition) is filled with placeholders that never match a name, as a lost catalog record is.</summary>
    SeriesState IWalSeriesResolver.Define(int id, string name)
    {
        if (id < _byId.Count) return _byId[id];
        while (_byId.Count < id)
        {
            StorageLog.CatalogRecordLost(_logger, _byId.Count);
            _byId.Add(new SeriesState(_byId.Count, "\0lost." + _byId.Count, _schemas.Resolve("")) { InWal = true });
        }
        if (_byName.TryGetValue(name, out var existing))
        {
            _byId.Add(new SeriesState(id, "\0lost." + id, _schemas.Resolve("")) { InWal = true });
            return existing;
        }
        var series = new SeriesState(id, name, _schemas.Resolve(name)) { CatalogDirty = true, InWal = true };
        Register(series);
        return series;
    }

    SeriesState IWalSeriesResolver.ById(int id) =>
        id >= 0 && id < _byId.Count ? _byId[id] : throw new InvalidDataException($"WAL refers to unknown series id {id}");
}

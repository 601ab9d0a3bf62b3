using FASTER.core;

namespace Tsdb.Storage.Internal;

internal sealed partial class ChunkStore
{
    /// <summary>
    /// <see cref="WriterRead"/> of every key in <paramref name="keys"/> (distinct), into <paramref name="values"/>
    /// at the same index (null: not found). Every read is issued before any is waited for, so the records on disk
    /// are fetched by overlapping I/Os instead of one round trip per key (recovery reading a million catalog
    /// records one by one spent ~10 s waiting). Writer session: under the write gate or during open.
    /// </summary>
    public void WriterReadMany(ReadOnlySpan<long> keys, byte[]?[] values)
    {
        Dictionary<long, int>? pending = null;
        for (int i = 0; i < keys.Length; i++)
        {
            long key = keys[i];
            byte[] output = null!;
            var status = _writer.Read(ref key, ref output);
            if (status.IsPending) (pending ??= []).Add(key, i);
            values[i] = !status.IsPending && status.Found ? output : null;
        }
        if (pending is null) return;
        _writer.CompletePendingWithOutputs(out var outputs, wait: true);
        using (outputs)
        {
            while (outputs.Next())
            {
                ref var completed = ref outputs.Current;
                if (completed.Status.Found) values[pending[completed.Key]] = completed.Output;
            }
        }
    }
}

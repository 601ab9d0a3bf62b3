using Tsdb.Storage.Chunks;
using Tsdb.Storage.Internal;
using Tsdb.Storage.Schemas;

namespace Tsdb.Storage.Tests;

/// <summary>The stored windows and the open chunks of an archive through every representation: none, one held
/// inline, several in an array, and back as retention drops the oldest windows and sweeps the chunks.</summary>
public class ArchiveStateTests
{
    [Fact]
    public void Stored_windows_stay_ascending_and_distinct_through_every_representation()
    {
        var archives = new ArchiveState[1];
        ref var state = ref archives[0];
        Assert.True(state.StoredWindows.IsEmpty);
        Assert.False(state.IsStored(0));

        state.MarkStored(7);
        Assert.Equal([7L], state.StoredWindows.ToArray());
        Assert.True(state.IsStored(7));
        state.MarkStored(7);
        Assert.Equal([7L], state.StoredWindows.ToArray());

        state.MarkStored(3);
        state.MarkStored(9);
        Assert.Equal([3L, 7, 9], state.StoredWindows.ToArray());
        Assert.False(state.IsStored(8));

        state.RemoveOldestStored(2);
        Assert.Equal([9L], state.StoredWindows.ToArray());
        state.MarkStored(0);
        Assert.Equal([0L, 9], state.StoredWindows.ToArray());
        state.RemoveOldestStored(5);
        Assert.True(state.StoredWindows.IsEmpty);
        Assert.False(state.IsStored(0));
    }

    [Fact]
    public void Restored_lists_of_each_length_read_back_and_a_damaged_one_is_merged()
    {
        var archives = new ArchiveState[4];
        archives[0].RestoreStored([]);
        archives[1].RestoreStored([42]);
        archives[2].RestoreStored([1, 5, 8]);
        archives[3].RestoreStored([8, 1, 8, 5]);

        Assert.True(archives[0].StoredWindows.IsEmpty);
        Assert.Equal([42L], archives[1].StoredWindows.ToArray());
        Assert.Equal([1L, 5, 8], archives[2].StoredWindows.ToArray());
        Assert.Equal([1L, 5, 8], archives[3].StoredWindows.ToArray());
    }

    [Fact]
    public void Open_chunks_are_found_through_every_representation_by_window_start_or_by_a_timestamp_they_hold()
    {
        var archives = new ArchiveState[1];
        ref var state = ref archives[0];
        using SeriesChunk a = new(0, 1), b = new(720, 1), c = new(1440, 1);
        Assert.True(state.Open.IsEmpty);

        state.AddOpen(a);
        Assert.Equal([a], state.Open.ToArray());
        Assert.Same(a, state.FindOpenHolding(719, 720));
        Assert.Null(state.FindOpenHolding(720, 720));
        state.AddOpen(b);
        state.AddOpen(c);
        Assert.Equal([a, b, c], state.Open.ToArray());
        Assert.Same(b, state.FindOpen(720));
        Assert.Null(state.FindOpen(360));
        Assert.Same(b, state.FindOpenHolding(1000, 720));
        Assert.Same(c, state.FindOpenHolding(1440, 720));
        Assert.Null(state.FindOpenHolding(2160, 720));
        Assert.Null(state.FindOpenHolding(-1, 720));

        state.RemoveOpen(b);
        Assert.Equal([a, c], state.Open.ToArray());
        Assert.Null(state.FindOpenHolding(1000, 720));
        state.RemoveOpen(a);
        Assert.Equal([c], state.Open.ToArray());
        Assert.Null(state.FindOpenHolding(0, 720));
        Assert.Same(c, state.FindOpen(1440));
        state.RemoveOpen(a);
        Assert.Equal([c], state.Open.ToArray());
        state.AddOpen(a);
        Assert.Equal([c, a], state.Open.ToArray());
        state.RemoveOpen(a);
        state.RemoveOpen(c);
        Assert.True(state.Open.IsEmpty);
        Assert.Null(state.FindOpen(1440));
    }

    [Fact]
    public void A_sweep_like_loop_may_remove_the_chunk_it_is_at()
    {
        var archives = new ArchiveState[2];
        using SeriesChunk a = new(0, 1), b = new(720, 1), c = new(1440, 1);
        archives[0].AddOpen(a);
        archives[1].AddOpen(b);
        archives[1].AddOpen(c);
        var seen = new List<SeriesChunk>();
        for (int i = 0; i < archives.Length; i++)
        {
            ref var state = ref archives[i];
            foreach (var chunk in state.Open)
            {
                seen.Add(chunk);
                state.RemoveOpen(chunk);
            }
        }
        Assert.Equal([a, b, c], seen);
        Assert.True(archives[0].Open.IsEmpty);
        Assert.True(archives[1].Open.IsEmpty);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(5)]
    public void A_series_has_one_state_per_archive_inline_or_in_an_array_each_its_own(int archives)
    {
        var specs = Enumerable.Range(0, archives).Select(i => new ArchiveSpec((int)Math.Pow(10, i), 100)).ToArray();
        var series = new SeriesState(0, "a.b", SeriesSchema.For(specs, AggregationMethod.Average, 0));
        Assert.Equal(archives, series.Archives.Length);
        for (int a = 0; a < archives; a++) series.Archives[a].MarkStored(a * 10);
        for (int a = 0; a < archives; a++) Assert.Equal([a * 10L], series.Archives[a].StoredWindows.ToArray());
    }

    [Fact]
    public void A_copy_reads_its_own_windows_and_changing_it_leaves_the_element_alone()
    {
        var archives = new ArchiveState[1];
        archives[0].MarkStored(4);
        var copy = archives[0];
        copy.MarkStored(6);

        Assert.Equal([4L, 6], copy.StoredWindows.ToArray());
        Assert.Equal([4L], archives[0].StoredWindows.ToArray());
    }
}

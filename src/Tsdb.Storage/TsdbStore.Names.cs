using System.Collections.Concurrent;

namespace Tsdb.Storage;

public sealed partial class TsdbStore
{
    // The name tree is filled off the writer thread: a new series' path is queued when it is registered, and added
    // to the tree by a thread-pool work item the writer schedules, or by any reader of the tree first. So a burst of
    // new series (5,000 collectl nodes create 520,000 in their first second) does not wait for the tree, which was
    // about a seventh of the writer's time in that second, and no read of the tree misses a name whose batch (or
    // the store's opening) was written before the read began. The tree takes one writer at a time: whoever holds
    // _treeGate.
    // Paths are queued a batch at a time (at most PathsPerQueueItem per array), not one by one: a queue item per
    // series cost the writer 5 % of a fleet's first second, and the queue's segments, which double as it fills,
    // reached the large object heap (1 to 4 MiB at 10,000 nodes).
    private readonly ConcurrentQueue<string[]> _unindexedPaths = new();
    private readonly List<string> _pathsOfBatch = [];
    private const int PathsPerQueueItem = 4096;
    private readonly Lock _treeGate = new();
    private int _indexerScheduled;

    /// <summary>Registration (write gate held, or opening): <paramref name="path"/> goes into the tree soon, with the
    /// batch's other new paths (<see cref="ScheduleIndexing"/>).</summary>
    private void QueueForIndexing(string path)
    {
        _pathsOfBatch.Add(path);
        if (_pathsOfBatch.Count == PathsPerQueueItem) QueuePathsOfBatch();
    }

    private void QueuePathsOfBatch()
    {
        if (_pathsOfBatch.Count == 0) return;
        _unindexedPaths.Enqueue([.. _pathsOfBatch]);
        _pathsOfBatch.Clear();
    }

    /// <summary>Queues the batch's new paths and starts a work item adding the queued paths to the tree, unless one
    /// is due to start already. Called by the writer after each batch (write gate held), and after open.</summary>
    private void ScheduleIndexing()
    {
        QueuePathsOfBatch();
        if (_unindexedPaths.IsEmpty || Interlocked.Exchange(ref _indexerScheduled, 1) == 1) return;
        ThreadPool.UnsafeQueueUserWorkItem(static store =>
        {
            // Cleared before draining: paths queued during the drain schedule the next work item.
            Volatile.Write(ref store._indexerScheduled, 0);
            store.IndexQueuedPaths();
        }, this, preferLocal: false);
    }

    /// <summary>Adds every queued path to the tree; a reader calls it before reading the tree. Always under the
    /// gate, even when the queue looks empty: a work item may have taken the last paths out and not yet added them.</summary>
    private void IndexQueuedPaths()
    {
        lock (_treeGate)
            while (_unindexedPaths.TryDequeue(out var paths))
                foreach (var path in paths) _tree.Add(path);
    }

    /// <summary>The tree's leaves as they are, without indexing queued paths first (tests: the work items index
    /// them on their own).</summary>
    internal int TreeLeafCountWithoutIndexing => _tree.LeafCount;
}

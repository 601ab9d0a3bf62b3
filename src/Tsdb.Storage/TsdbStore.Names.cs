using System.Collections.Concurrent;

namespace Tsdb.Storage;

public sealed partial class TsdbStore
{
    // The name tree is filled off the writer thread: a new series' path is queued here when it is registered, and
    // added to the tree by a thread-pool work item the writer schedules, or by any reader of the tree first. So a
    // burst of new series (5,000 collectl nodes create 520,000 in their first second) does not wait for the tree,
    // which was about a seventh of the writer's time in that second, and no read of the tree misses a name whose
    // registration returned before the read began. The tree takes one writer at a time: whoever holds _treeGate.
    private readonly ConcurrentQueue<string> _unindexedPaths = new();
    private readonly Lock _treeGate = new();
    private int _indexerScheduled;

    /// <summary>Registration: <paramref name="path"/> goes into the tree soon (<see cref="ScheduleIndexing"/>).</summary>
    private void QueueForIndexing(string path) => _unindexedPaths.Enqueue(path);

    /// <summary>Starts a work item adding the queued paths to the tree, unless one is due to start already.
    /// Called by the writer after a batch, and after open.</summary>
    private void ScheduleIndexing()
    {
        if (_unindexedPaths.IsEmpty || Interlocked.Exchange(ref _indexerScheduled, 1) == 1) return;
        ThreadPool.UnsafeQueueUserWorkItem(static store =>
        {
            // Cleared before draining: a path queued during the drain schedules the next work item.
            Volatile.Write(ref store._indexerScheduled, 0);
            store.IndexQueuedPaths();
        }, this, preferLocal: false);
    }

    /// <summary>Adds every queued path to the tree; a reader calls it before reading the tree. Always under the
    /// gate, even when the queue looks empty: a work item may have taken the last path out and not yet added it.</summary>
    private void IndexQueuedPaths()
    {
        lock (_treeGate)
            while (_unindexedPaths.TryDequeue(out var path)) _tree.Add(path);
    }

    /// <summary>The tree's leaves as they are, without indexing queued paths first (tests: the work items index
    /// them on their own).</summary>
    internal int TreeLeafCountWithoutIndexing => _tree.LeafCount;
}

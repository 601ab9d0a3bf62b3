using System.Collections.Concurrent;
using System.Text;

namespace Tsdb.Query.Api;

/// <summary>
/// Finished /metrics/find answers, reused while the reader's <see cref="Tsdb.Core.IMetricReader.NamesGeneration"/>
/// is the one they were computed under. Grafana asks the same finds again on every dashboard load and variable
/// refresh, and new names are rare once a fleet is running, so most finds are answered from here; the answer is
/// byte for byte the one computed, because it is that one.
/// <para>
/// The key must hold every input the answer depends on (the caller's contract); answers that depend on the
/// clock (json, pickle, msgpack intervals) or on cluster members must not be put here. Bounded by
/// <see cref="MaxAnswers"/> entries and <see cref="MaxBytes"/> of bodies: past either, everything is dropped and
/// the cache fills again (simpler than eviction order, and a full cache means the keys are not repeating).
/// </para>
/// </summary>
public sealed class FindAnswerCache
{
    public const int MaxAnswers = 1024;
    public const long MaxBytes = 32L << 20;

    private readonly ConcurrentDictionary<string, (long Generation, ApiResponse Answer)> _answers = new(StringComparer.Ordinal);
    private long _bytes;

    /// <summary>The answer put under <paramref name="key"/> at <paramref name="generation"/>, or null.</summary>
    public ApiResponse? Get(string key, long generation) =>
        _answers.TryGetValue(key, out var entry) && entry.Generation == generation ? entry.Answer : null;

    /// <summary>
    /// Stores a 200 answer computed under <paramref name="generation"/> (read before the find ran) and returns the
    /// stored copy, whose body is also encoded once as <see cref="ApiResponse.Bytes"/> so later requests skip the
    /// encoding. Other answers are returned as they are.
    /// </summary>
    public ApiResponse Put(string key, long generation, ApiResponse answer)
    {
        if (answer.StatusCode != 200 || answer.Bytes is not null) return answer;
        var stored = answer with { Bytes = Encoding.UTF8.GetBytes(answer.Body) };
        long size = stored.Bytes.Length + 2L * (stored.Body.Length + key.Length);
        if (size > MaxBytes) return stored;
        if (_answers.Count >= MaxAnswers || Interlocked.Add(ref _bytes, size) > MaxBytes)
        {
            _answers.Clear();
            Interlocked.Exchange(ref _bytes, size);
        }
        _answers[key] = (generation, stored);
        return stored;
    }
}

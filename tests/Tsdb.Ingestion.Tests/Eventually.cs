namespace Tsdb.Ingestion.Tests;

/// <summary>Polls a condition that the listeners reach on their own threads.</summary>
internal static class Eventually
{
    public static async Task TrueAsync(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!condition())
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException("condition not reached in 30 s");
            await Task.Delay(10);
        }
    }
}

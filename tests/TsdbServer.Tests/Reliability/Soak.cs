namespace TsdbServer.Tests.Reliability;

/// <summary>
/// CI runs the reliability suites in a bounded form; <c>TSDB_SOAK=1</c> (see README.md, "Reliability
/// tests") runs the long form: more kills, more connections, more load.
/// </summary>
public static class Soak
{
    public static bool Enabled { get; } = Environment.GetEnvironmentVariable("TSDB_SOAK") == "1";

    public static int Pick(int ci, int soak) => Enabled ? soak : ci;

    /// <summary>Seed of the random choices (kill moments, fuzz cases); TSDB_SEED overrides it to replay a soak run.</summary>
    public static int Seed(int defaultSeed) =>
        int.TryParse(Environment.GetEnvironmentVariable("TSDB_SEED"), out int seed) ? seed : defaultSeed;
}

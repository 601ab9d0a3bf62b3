using System.Text.Json;

namespace TsdbServer.Tests.Hosting;

/// <summary>
/// The runtime settings the server ships with (TsdbServer.runtimeconfig.json, from TsdbServer.csproj), each worth a
/// multiple of the server's speed: measured, not asserted here (no timing in unit tests); this keeps a later edit
/// from dropping one without the measurement that justified it (docs/performance-history.md).
/// </summary>
public sealed class RuntimeSettingsTests
{
    private static JsonElement ConfigProperties()
    {
        string path = Path.Combine(AppContext.BaseDirectory, "TsdbServer.runtimeconfig.json");
        using var document = JsonDocument.Parse(File.ReadAllText(path));
        return document.RootElement.GetProperty("runtimeOptions").GetProperty("configProperties").Clone();
    }

    /// <summary>Without tiering the framework's precompiled code is never recompiled: 2-3x the CPU per point on an
    /// AVX-512 host. With quick JIT the server's own hot methods are compiled three times during a load's first
    /// seconds.</summary>
    [Fact]
    public void Tiered_compilation_is_on_and_quick_jit_off()
    {
        var properties = ConfigProperties();
        Assert.True(properties.GetProperty("System.Runtime.TieredCompilation").GetBoolean());
        Assert.False(properties.GetProperty("System.Runtime.TieredCompilation.QuickJit").GetBoolean());
    }

    /// <summary>Server concurrent GC with a heap per core from the start (a fleet's first second of new series
    /// collected on every core, not on one with all other threads stopped), and render arrays below 1 MB kept off
    /// the large object heap (each LOH allocation counted towards a background gen2 collection that marks every
    /// stored chunk).</summary>
    [Fact]
    public void Garbage_collection_is_server_concurrent_without_adaptation_and_with_a_1_MB_large_object_threshold()
    {
        var properties = ConfigProperties();
        Assert.True(properties.GetProperty("System.GC.Server").GetBoolean());
        Assert.Equal(0, properties.GetProperty("System.GC.DynamicAdaptationMode").GetInt32());
        Assert.True(properties.GetProperty("System.GC.Concurrent").GetBoolean());
        Assert.Equal(1_048_576, properties.GetProperty("System.GC.LOHThreshold").GetInt32());
    }
}

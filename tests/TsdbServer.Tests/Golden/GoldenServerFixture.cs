using System.Text;
using System.Text.Json;
using TsdbServer.Tests.Support;

namespace TsdbServer.Tests.Golden;

/// <summary>
/// One server for all golden cases: clock fixed at the dataset's NOW, the collectl capture then
/// tests/golden/dataset/synthetic.txt sent over the real plaintext listener (as the recorder's carbon
/// received them), the events of tests/golden/dataset/events.json posted to /events/ one by one (as the
/// recorder posts them, so their ids agree), and everything stored before any request.
/// </summary>
public sealed class GoldenServerFixture : IAsyncLifetime
{
    private readonly TempDirectory _data = new();

    public InProcessServer Server { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Server = await InProcessServer.StartAsync(_data.Path, new FixedTimeProvider(DateTimeOffset.FromUnixTimeSeconds(GoldenCase.Now)),
            "--graph-templates", Path.Combine(GoldenCase.Folder, "dataset", "graphTemplates.conf"));
        await Server.SendPlaintextAsync(await File.ReadAllBytesAsync(RepoPaths.CollectlCapture));
        await Server.SendPlaintextAsync(await File.ReadAllBytesAsync(Path.Combine(GoldenCase.Folder, "dataset", "synthetic.txt")));
        await Server.WaitUntilStoredAsync();
        using var events = JsonDocument.Parse(await File.ReadAllBytesAsync(Path.Combine(GoldenCase.Folder, "dataset", "events.json")));
        foreach (var e in events.RootElement.EnumerateArray())
        {
            using var body = new StringContent(e.GetRawText(), Encoding.UTF8, "application/json");
            (await Server.Http.PostAsync("/events/", body)).EnsureSuccessStatusCode();
        }
    }

    public async Task DisposeAsync()
    {
        await Server.DisposeAsync();
        _data.Dispose();
    }
}

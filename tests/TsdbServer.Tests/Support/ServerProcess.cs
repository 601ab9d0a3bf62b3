using System.Diagnostics;
using System.Net.Http;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;

namespace TsdbServer.Tests.Support;

/// <summary>
/// The real server as a child process (the published TsdbServer.dll next to the tests), on loopback
/// ports reserved by <see cref="FreePorts"/> and a data folder the test owns. Used for what only a
/// process can show: SIGTERM and kill -9 followed by a restart on the same folder.
/// </summary>
public sealed class ServerProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private ServerProcess(Process process, string dataDir, int linePort, int picklePort, int httpPort)
    {
        _process = process;
        DataDir = dataDir;
        LinePort = linePort;
        PicklePort = picklePort;
        HttpPort = httpPort;
        Http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{httpPort}"), Timeout = TimeSpan.FromSeconds(30) };
    }

    public string DataDir { get; }
    public int LinePort { get; }
    public int PicklePort { get; }
    public int HttpPort { get; }
    public HttpClient Http { get; }
    public string Output { get { lock (_output) return _output.ToString(); } }
    public bool HasExited => _process.HasExited;
    public int ExitCode => _process.ExitCode;

    public static string ServerDll => Path.Combine(AppContext.BaseDirectory, "TsdbServer.dll");

    /// <summary>Starts the server and waits until /health answers 200.</summary>
    public static Task<ServerProcess> StartAsync(string dataDir, params string[] extraArgs) => StartAsync(dataDir, null, extraArgs);

    /// <summary><see cref="StartAsync(string, string[])"/> with the process's open-file limit (soft and hard, so the
    /// runtime cannot raise it) set to <paramref name="openFileLimit"/>.</summary>
    public static Task<ServerProcess> StartWithOpenFileLimitAsync(string dataDir, int openFileLimit, params string[] extraArgs) =>
        StartAsync(dataDir, openFileLimit, extraArgs);

    private static async Task<ServerProcess> StartAsync(string dataDir, int? openFileLimit, string[] extraArgs)
    {
        int line = FreePorts.Next(), pickle = FreePorts.Next(), http = FreePorts.Next();
        var psi = Psi(["--data-dir", dataDir, "--bind", "127.0.0.1", "--line-port", line.ToString(),
            "--pickle-port", pickle.ToString(), "--http-port", http.ToString(), "--self-metrics", "false", .. extraArgs], openFileLimit);
        var process = Process.Start(psi)!;
        var server = new ServerProcess(process, dataDir, line, pickle, http);
        server.Capture();
        await server.WaitHealthyAsync(TimeSpan.FromSeconds(60));
        return server;
    }

    /// <summary>Runs the server with arguments expected to fail at startup; returns (exit code, output).</summary>
    public static async Task<(int ExitCode, string Output)> RunExpectingFailureAsync(params string[] args)
    {
        using var p = Process.Start(Psi(args))!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await p.WaitForExitAsync(cts.Token);
        return (p.ExitCode, await stdout + await stderr);
    }

    private static ProcessStartInfo Psi(IEnumerable<string> args, int? openFileLimit = null)
    {
        var psi = new ProcessStartInfo(openFileLimit is null ? "dotnet" : "/bin/sh")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = AppContext.BaseDirectory,
        };
        if (openFileLimit is { } limit)
        {
            // exec: the server is the shell's process, so signals and kill reach it.
            psi.ArgumentList.Add("-c");
            psi.ArgumentList.Add($"ulimit -Sn {limit} && ulimit -Hn {limit} && exec dotnet \"$@\"");
            psi.ArgumentList.Add("sh");
        }
        psi.ArgumentList.Add(ServerDll);
        foreach (var a in args) psi.ArgumentList.Add(a);
        psi.Environment["DOTNET_ENVIRONMENT"] = "Production";
        return psi;
    }

    private void Capture()
    {
        _process.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (_output) _output.AppendLine(e.Data); };
        _process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (_output) _output.AppendLine(e.Data); };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    private async Task WaitHealthyAsync(TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited) throw new InvalidOperationException("server exited at startup:\n" + Output);
            // Each attempt is bounded, so a port answered by something that is not this server (or a server that
            // exited after its listener was reached) ends in the exit check or the timeout below, with its output.
            using var attempt = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            try
            {
                using var resp = await Http.GetAsync("/health", attempt.Token);
                if (resp.IsSuccessStatusCode) return;
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            catch (OperationCanceledException) when (attempt.IsCancellationRequested)
            {
                // No answer within the attempt: look again.
            }
            await Task.Delay(100);
        }
        throw new TimeoutException("server not healthy in time:\n" + Output);
    }

    /// <summary>Reads /health until <paramref name="condition"/> holds (every request must be answered); returns that
    /// answer. Times out after 30 s with the server's output.</summary>
    public async Task<JsonElement> WaitForHealthAsync(Func<JsonElement, bool> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            using (var health = JsonDocument.Parse(await Http.GetStringAsync("/health")))
                if (condition(health.RootElement)) return health.RootElement.Clone();
            if (DateTime.UtcNow > deadline) throw new TimeoutException("health condition never met:\n" + Output);
            await Task.Delay(50);
        }
    }

    [DllImport("libc", SetLastError = true)]
    private static extern int kill(int pid, int sig);

    /// <summary>SIGTERM (what systemd and docker stop send) and wait for a clean exit.</summary>
    public async Task<int> TerminateAsync(TimeSpan? timeout = null)
    {
        kill(_process.Id, 15);
        using var cts = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(60));
        await _process.WaitForExitAsync(cts.Token);
        return _process.ExitCode;
    }

    /// <summary>SIGSTOP: the process stops running while its kernel sockets still receive (a stalled server).</summary>
    public void Suspend() => kill(_process.Id, 19);

    /// <summary>SIGCONT after <see cref="Suspend"/>; a signal sent meanwhile is handled now.</summary>
    public void Resume() => kill(_process.Id, 18);

    /// <summary>kill -9: no shutdown code runs.</summary>
    public async Task KillAsync()
    {
        _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited) await KillAsync();
        Http.Dispose();
        _process.Dispose();
    }
}

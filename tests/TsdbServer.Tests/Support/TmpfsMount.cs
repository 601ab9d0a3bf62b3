using System.Diagnostics;
using System.Runtime.InteropServices;

namespace TsdbServer.Tests.Support;

/// <summary>
/// A small tmpfs mounted on a fresh folder for one test (a real filesystem that can really fill up), unmounted
/// and removed on dispose. Needs root and a working <c>mount</c>; <see cref="UnavailableReason"/> says why not.
/// </summary>
public sealed class TmpfsMount : IDisposable
{
    private static readonly Lazy<string?> Unavailable = new(Probe);
    private readonly TempDirectory _folder = new();

    public TmpfsMount(int sizeMb)
    {
        Path = System.IO.Path.Combine(_folder.Path, "fs");
        Directory.CreateDirectory(Path);
        if (Run("mount", "-t", "tmpfs", "-o", $"size={sizeMb}m", "tmpfs", Path) is { } error)
        {
            _folder.Dispose();
            throw new InvalidOperationException("mount failed: " + error);
        }
    }

    public string Path { get; }

    /// <summary>Null when tmpfs can be mounted here, else the reason (for a skipped test).</summary>
    public static string? UnavailableReason => Unavailable.Value;

    public void Dispose()
    {
        // Lazy unmount: a file the server still held cannot keep the mount (or the test) alive.
        Run("umount", "-l", Path);
        _folder.Dispose();
    }

    [DllImport("libc")]
    private static extern uint geteuid();

    private static string? Probe()
    {
        if (!OperatingSystem.IsLinux()) return "tmpfs mounts need Linux";
        if (geteuid() != 0) return "mounting a tmpfs needs root (not running as root)";
        try
        {
            using var probe = new TmpfsMount(1);
            return null;
        }
        catch (Exception e) when (e is InvalidOperationException or System.ComponentModel.Win32Exception)
        {
            return "cannot mount a tmpfs here: " + e.Message;
        }
    }

    /// <summary>Runs a command; null on success, else its exit code and output.</summary>
    private static string? Run(string file, params string[] args)
    {
        var psi = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in args) psi.ArgumentList.Add(a);
        using var p = Process.Start(psi)!;
        string output = p.StandardOutput.ReadToEnd() + p.StandardError.ReadToEnd();
        p.WaitForExit();
        return p.ExitCode == 0 ? null : $"{file} exited {p.ExitCode}: {output.Trim()}";
    }
}

/// <summary>A fact that runs only where <see cref="TmpfsMount"/> can mount, and is reported skipped with the reason elsewhere.</summary>
public sealed class TmpfsFactAttribute : FactAttribute
{
    public TmpfsFactAttribute()
    {
        if (TmpfsMount.UnavailableReason is { } reason) Skip = reason;
    }
}

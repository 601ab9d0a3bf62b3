using System.Runtime.InteropServices;
using FASTER.core;
using Tsdb.Storage.Internal;

namespace Tsdb.Storage.Tests;

/// <summary>The WAL's device: a FasterLog on it reads back what it wrote across pages and segments, its folder is
/// interchangeable with one FASTER's own device wrote (data folders of earlier versions), and its I/O reports
/// failures through the callback instead of stopping.</summary>
public sealed class DedicatedThreadDeviceTests : IDisposable
{
    private readonly TempFolder _temp = new("tsdb-device-");

    private string Folder => _temp.Path;

    public void Dispose() => _temp.Dispose();

    private string Prefix => Path.Combine(Folder, "wal.log");

    /// <summary>16 KiB pages, 64 KiB of memory, 64 KiB segments: 3,000 entries of ~100 bytes span five segments.</summary>
    private static FasterLog Log(IDevice device) => new(new FasterLogSettings
    {
        LogDevice = device,
        PageSizeBits = 14,
        MemorySizeBits = 16,
        SegmentSizeBits = 16,
        LogCommitDir = Path.Combine(Path.GetDirectoryName(device.FileName)!, "commits"),
        LogChecksum = LogChecksumType.PerEntry,
        TryRecoverLatest = true,
    });

    private static byte[] Entry(int i) => System.Text.Encoding.ASCII.GetBytes($"entry {i:D6} " + new string((char)('a' + i % 26), 80));

    private static void WriteEntries(IDevice device, int count)
    {
        using var log = Log(device);
        for (int i = 0; i < count; i++) log.Enqueue(Entry(i));
        log.Commit(spinWait: true);
    }

    private static List<string> ReadEntries(IDevice device)
    {
        using var log = Log(device);
        var read = new List<string>();
        using var iterator = log.Scan(log.BeginAddress, log.CommittedUntilAddress);
        while (iterator.GetNext(out byte[] entry, out int length, out _, out _))
            read.Add(System.Text.Encoding.ASCII.GetString(entry, 0, length));
        return read;
    }

    private static List<string> Expected(int count) =>
        Enumerable.Range(0, count).Select(i => System.Text.Encoding.ASCII.GetString(Entry(i))).ToList();

    [Fact]
    public void A_log_reads_back_every_committed_entry_across_pages_and_segments_after_reopening()
    {
        using (var device = new DedicatedThreadDevice(Prefix, "test-io")) WriteEntries(device, 3000);
        Assert.True(Directory.GetFiles(Folder, "wal.log.*").Length >= 5);
        using var reopened = new DedicatedThreadDevice(Prefix, "test-io");
        Assert.Equal(Expected(3000), ReadEntries(reopened));
    }

    [Fact]
    public void Its_files_are_those_of_fasters_own_device_both_ways()
    {
        using (var managed = Devices.CreateLogDevice(Prefix, preallocateFile: false)) WriteEntries(managed, 2000);
        using (var device = new DedicatedThreadDevice(Prefix, "test-io")) Assert.Equal(Expected(2000), ReadEntries(device));

        Directory.Delete(Folder, recursive: true);
        using (var device = new DedicatedThreadDevice(Prefix, "test-io")) WriteEntries(device, 2000);
        using var reader = Devices.CreateLogDevice(Prefix, preallocateFile: false);
        Assert.Equal(Expected(2000), ReadEntries(reader));
    }

    [Fact]
    public void Removing_a_segment_deletes_its_file()
    {
        using var device = new DedicatedThreadDevice(Prefix, "test-io");
        WriteEntries(device, 3000);
        Assert.True(File.Exists(Prefix + ".1"));
        device.RemoveSegment(1);
        Assert.False(File.Exists(Prefix + ".1"));
        Assert.True(File.Exists(Prefix + ".2"));
    }

    [Fact]
    public unsafe void A_failed_write_is_reported_to_its_callback_and_later_requests_still_complete()
    {
        using var device = new DedicatedThreadDevice(Prefix, "test-io");
        device.Initialize(1 << 16);
        void* buffer = NativeMemory.AlignedAlloc(512, 512);
        try
        {
            new Span<byte>(buffer, 512).Fill(7);
            // The folder is gone: the segment file cannot be created.
            Directory.Delete(Folder, recursive: true);
            var failed = DeviceRequest.Complete(device, write: true, (IntPtr)buffer, 0);
            Assert.NotEqual(0u, failed.Error);
            Assert.Equal(0u, failed.Bytes);

            Directory.CreateDirectory(Folder);
            var written = DeviceRequest.Complete(device, write: true, (IntPtr)buffer, 1024);
            Assert.Equal((0u, 512u), written);
            new Span<byte>(buffer, 512).Clear();
            var read = DeviceRequest.Complete(device, write: false, (IntPtr)buffer, 1024);
            Assert.Equal((0u, 512u), read);
            Assert.True(new Span<byte>(buffer, 512).IndexOfAnyExcept((byte)7) < 0);
        }
        finally
        {
            NativeMemory.AlignedFree(buffer);
        }
    }

    [Fact]
    public unsafe void Requests_after_dispose_fail_instead_of_hanging()
    {
        var device = new DedicatedThreadDevice(Prefix, "test-io");
        device.Initialize(1 << 16);
        device.Dispose();
        void* buffer = NativeMemory.AlignedAlloc(512, 512);
        try
        {
            Assert.NotEqual(0u, DeviceRequest.Complete(device, write: true, (IntPtr)buffer, 0).Error);
        }
        finally
        {
            NativeMemory.AlignedFree(buffer);
        }
    }
}

using System.Runtime.InteropServices;
using FASTER.core;
using Microsoft.Extensions.Logging.Abstractions;
using Tsdb.Storage.Internal;

namespace Tsdb.Storage.Tests;

/// <summary>The chunk store's and the WAL's device wrapper: I/O passes through unchanged, and the first failure
/// (here FASTER's own device writing into a removed folder) reaches the store's fault, named by file and cause.</summary>
public sealed class FaultReportingDeviceTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "tsdb-fault-device-" + Guid.NewGuid().ToString("N"));

    public FaultReportingDeviceTests() => Directory.CreateDirectory(_folder);

    public void Dispose()
    {
        if (Directory.Exists(_folder)) Directory.Delete(_folder, recursive: true);
    }

    private (FaultReportingDevice Device, StorageFault Fault) Open()
    {
        var fault = new StorageFault(NullLogger.Instance);
        var device = new FaultReportingDevice(Devices.CreateLogDevice(Path.Combine(_folder, "chunks.log"), preallocateFile: false), fault);
        device.Initialize(1 << 16);
        return (device, fault);
    }

    [Fact]
    public unsafe void Reads_and_writes_pass_through_and_report_nothing()
    {
        var (device, fault) = Open();
        using var _ = device;
        void* buffer = NativeMemory.AlignedAlloc(512, 512);
        try
        {
            new Span<byte>(buffer, 512).Fill(9);
            Assert.Equal((0u, 512u), DeviceRequest.Complete(device, write: true, (IntPtr)buffer, 1 << 16)); // segment 1
            new Span<byte>(buffer, 512).Clear();
            Assert.Equal(0u, DeviceRequest.Complete(device, write: false, (IntPtr)buffer, 1 << 16).Error);
            Assert.True(new Span<byte>(buffer, 512).IndexOfAnyExcept((byte)9) < 0);
            Assert.Null(fault.Reason);
            Assert.True(File.Exists(Path.Combine(_folder, "chunks.log.1")));
        }
        finally
        {
            NativeMemory.AlignedFree(buffer);
        }
    }

    [Fact]
    public unsafe void A_write_into_a_removed_folder_completes_with_an_error_and_fails_the_store()
    {
        // Not disposed: FASTER's device then waits for good for the file stream its failed write never gave back
        // (the chunk store leaves a failed store's devices open for that reason).
        var (device, fault) = Open();
        void* buffer = NativeMemory.AlignedAlloc(512, 512);
        try
        {
            Directory.Delete(_folder, recursive: true);
            var (error, bytes) = DeviceRequest.Complete(device, write: true, (IntPtr)buffer, 0);
            Assert.NotEqual(0u, error);
            Assert.Equal(0u, bytes);
            Assert.NotNull(fault.Reason);
            Assert.Contains("write of " + Path.Combine(_folder, "chunks.log"), fault.Reason);
            Assert.Contains($"the folder {_folder} is gone", fault.Reason);
            Assert.Throws<StorageFailedException>(fault.ThrowIfFailed);

            // The first failure is the one kept.
            string first = fault.Reason!;
            DeviceRequest.Complete(device, write: true, (IntPtr)buffer, 1 << 16);
            Assert.Equal(first, fault.Reason);
        }
        finally
        {
            NativeMemory.AlignedFree(buffer);
        }
    }
}

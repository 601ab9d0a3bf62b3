using FASTER.core;

namespace Tsdb.Storage.Tests;

/// <summary>A single 512-byte request to a FASTER device, awaited (device tests).</summary>
internal static class DeviceRequest
{
    /// <summary>One request through the device's addressing (segment from the address); fails the test when its
    /// callback does not run within 10 s. Returns the callback's error code and bytes transferred.</summary>
    public static (uint Error, uint Bytes) Complete(IDevice device, bool write, IntPtr buffer, ulong address)
    {
        var done = new TaskCompletionSource<(uint, uint)>(TaskCreationOptions.RunContinuationsAsynchronously);
        DeviceIOCompletionCallback callback = (error, bytes, _) => done.TrySetResult((error, bytes));
        if (write) device.WriteAsync(buffer, address, 512, callback, null);
        else device.ReadAsync(address, buffer, 512, callback, null);
        Assert.True(done.Task.Wait(TimeSpan.FromSeconds(10)), "the callback never ran");
        return done.Task.Result;
    }
}

using TsdbServer.Hosting;

// Entry point: `dotnet run --project src/TsdbServer -c Release [options]` (see README.md).
return await TsdbApplication.RunAsync(args);

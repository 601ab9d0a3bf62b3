using BenchmarkDotNet.Running;
using Tsdb.Benchmarks;

if (args is ["fleet", .. var rest]) FleetSeconds.Run(rest);
else BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);

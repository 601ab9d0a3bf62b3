namespace Tsdb.Core.Naming;

/// <summary>A find pattern node over <see cref="GlobNode.MaxBraceVariants"/>; the message names the limit.
/// The server answers it 400.</summary>
public sealed class GlobPatternTooComplexException(string message) : ArgumentException(message);

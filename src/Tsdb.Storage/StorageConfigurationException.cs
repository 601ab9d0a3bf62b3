namespace Tsdb.Storage;

/// <summary>A storage option or configuration file is invalid; the message names the option or file.
/// Thrown at startup only (carbon exits on the same errors).</summary>
public sealed class StorageConfigurationException(string message) : Exception(message);

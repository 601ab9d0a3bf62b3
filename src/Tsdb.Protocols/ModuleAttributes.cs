using System.Runtime.CompilerServices;

// The parsers stackalloc scratch buffers per line and always write before reading them, so zeroing is waste.
[module: SkipLocalsInit]

namespace Tsdb.Query.Functions;

/// <summary>A user mistake in a query (bad argument, unknown function, bad time): answered as HTTP 400 with Message.</summary>
public class QueryException(string message) : Exception(message);

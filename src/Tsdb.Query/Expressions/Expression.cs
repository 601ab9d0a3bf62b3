namespace Tsdb.Query.Expressions;

/// <summary>
/// AST of a render target (graphite-web render/grammar_unsafe.py). <see cref="Text"/> is the source
/// text of the node exactly as written, which graphite-web uses for pathExpression and some names.
/// </summary>
public abstract record Expression(string Text);

/// <summary>A metric path or glob pattern (also a tagged name 'a;b=c').</summary>
public sealed record PathExpression(string Text) : Expression(Text);

/// <summary>A call: name(args..., key=value...). A pipe 'a|f(x)' is parsed as f(a, x).</summary>
public sealed record CallExpression(string Text, string Name, IReadOnlyList<Expression> Args,
    IReadOnlyList<KeyValuePair<string, Expression>> KwArgs) : Expression(Text);

/// <summary>A string literal; quotes stripped, backslash escapes kept verbatim ("\1 A" is \1 A).</summary>
public sealed record StringLiteral(string Text, string Value) : Expression(Text);

/// <summary>A number literal. IsInteger keeps Python's int/float distinction (10 vs 10.0).</summary>
public sealed record NumberLiteral(string Text, double Value, bool IsInteger) : Expression(Text);

public sealed record BoolLiteral(string Text, bool Value) : Expression(Text);

/// <summary>Python None.</summary>
public sealed record NoneLiteral(string Text) : Expression(Text);

/// <summary>
/// template(inner, args...) or template(inner, key=value...): '$1', '$name' in the inner paths are replaced
/// by the literal arguments, overridden by the request's template[name] parameters
/// (graphite-web render/evaluator.py). Args are only number or string literals, never both kinds.
/// </summary>
public sealed record TemplateExpression(string Text, Expression Inner, IReadOnlyList<Expression> Args,
    IReadOnlyList<KeyValuePair<string, Expression>> KwArgs) : Expression(Text);

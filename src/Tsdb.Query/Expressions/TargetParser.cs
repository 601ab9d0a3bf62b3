using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Tsdb.Query.Functions;

namespace Tsdb.Query.Expressions;

/// <summary>
/// Parses a render target into an <see cref="Expression"/> with the semantics of graphite-web's pyparsing
/// grammar (render/grammar_unsafe.py): ordered choice without backtracking into a chosen alternative,
/// whitespace skipped between tokens but not inside paths, and no end anchor, so trailing text that does
/// not parse is ignored ("test.a)" is the path test.a). A target where nothing parses is a QueryException.
/// </summary>
public static partial class TargetParser
{
    /// <summary>pyparsing quotedString (3.0): doubled quotes and backslash escapes kept verbatim.</summary>
    [GeneratedRegex("""\G(?:"(?:[^"\n\r\\]|(?:"")|(?:\\(?:[^x]|x[0-9a-fA-F]+)))*"|'(?:[^'\n\r\\]|(?:'')|(?:\\(?:[^x]|x[0-9a-fA-F]+)))*')""")]
    private static partial Regex QuotedString();

    [GeneratedRegex(@"\G-?\d+(?:\.\d+)?[eE]-?\d+")]
    private static partial Regex SciNumber();

    [GeneratedRegex(@"\G-?\d+\.\d+")]
    private static partial Regex FloatNumber();

    [GeneratedRegex(@"\G-?\d+")]
    private static partial Regex IntNumber();

    private const string Symbols = "(){},.'\"\\|";

    public static Expression Parse(string target)
    {
        var p = new Cursor(target);
        return p.Expression(p.SkipWs(0), out _)
               ?? throw new QueryException($"Unable to parse target: {target}");
    }

    /// <summary>One parse over one string; every rule returns null (consuming nothing) on failure.</summary>
    private sealed class Cursor(string s)
    {
        public int SkipWs(int pos)
        {
            while (pos < s.Length && s[pos] is ' ' or '\t' or '\n' or '\r') pos++;
            return pos;
        }

        private bool Lit(ref int pos, char c)
        {
            int p = SkipWs(pos);
            if (p < s.Length && s[p] == c) { pos = p + 1; return true; }
            return false;
        }

        /// <summary>expression := (template | call | path) {'|' call}; a pipe passes the left side as first arg.</summary>
        public Expression? Expression(int pos, out int end)
        {
            int p = SkipWs(pos);
            var left = Template(p, out end) ?? (Expression?)Call(p, out end) ?? Path(p, out end);
            if (left is null) return null;
            while (true)
            {
                int q = end;
                if (!Lit(ref q, '|')) break;
                if (Call(SkipWs(q), out int callEnd) is not CallExpression piped) break;
                left = piped with { Args = [left, .. piped.Args] };
                end = callEnd;
            }
            return left;
        }

        private Expression? Template(int pos, out int end)
        {
            end = pos;
            if (!s.AsSpan(pos).StartsWith("template")) return null;
            int p = pos + "template".Length;
            if (!Lit(ref p, '(')) return null;
            int innerStart = SkipWs(p);
            var inner = (Expression?)Call(innerStart, out p) ?? Path(innerStart, out p);
            if (inner is null) return null;
            var args = new List<Expression>();
            var kwargs = new List<KeyValuePair<string, Expression>>();
            int afterArgs = p;
            if (Lit(ref afterArgs, ','))
            {
                if (LiteralArgs(afterArgs, args, out int q) || LiteralKwArgs(afterArgs, kwargs, out q)) p = q;
            }
            if (!Lit(ref p, ')')) return null;
            end = p;
            return new TemplateExpression(s[pos..end], inner, args, kwargs);
        }

        private bool LiteralArgs(int pos, List<Expression> args, out int end)
        {
            end = pos;
            if (LiteralKwArg(pos, out _) is not null) return false;
            var first = LiteralArg(pos, out end);
            if (first is null) return false;
            args.Add(first);
            while (true)
            {
                int q = end;
                if (!Lit(ref q, ',') || LiteralKwArg(q, out _) is not null) break;
                var next = LiteralArg(q, out int e);
                if (next is null) break;
                args.Add(next);
                end = e;
            }
            return true;
        }

        private bool LiteralKwArgs(int pos, List<KeyValuePair<string, Expression>> kwargs, out int end)
        {
            var first = LiteralKwArg(pos, out end);
            if (first is null) return false;
            kwargs.Add(first.Value);
            while (true)
            {
                int q = end;
                if (!Lit(ref q, ',')) break;
                var next = LiteralKwArg(q, out int e);
                if (next is null) break;
                kwargs.Add(next.Value);
                end = e;
            }
            return true;
        }

        private KeyValuePair<string, Expression>? LiteralKwArg(int pos, out int end)
        {
            end = pos;
            int p = SkipWs(pos);
            string? name = Identifier(ref p);
            if (name is null || !Lit(ref p, '=')) return null;
            var value = LiteralArg(p, out end);
            return value is null ? null : new(name, value);
        }

        private Expression? LiteralArg(int pos, out int end)
        {
            int p = SkipWs(pos);
            return (Expression?)Number(p, out end) ?? StringLit(p, out end);
        }

        /// <summary>call := name '(' [args [',' kwargs]] ')'; Text is the raw call text (graphite-web's call.raw).</summary>
        private CallExpression? Call(int pos, out int end)
        {
            end = pos;
            int p = pos;
            string? name = Identifier(ref p);
            if (name is null || !Lit(ref p, '(')) return null;
            var args = new List<Expression>();
            var kwargs = new List<KeyValuePair<string, Expression>>();
            if (KwArg(p, out _) is null && Arg(p, out int q) is { } first)
            {
                args.Add(first);
                p = q;
                while (true)
                {
                    int c = p;
                    if (!Lit(ref c, ',') || KwArg(c, out _) is not null) break;
                    var next = Arg(c, out int e);
                    if (next is null) break;
                    args.Add(next);
                    p = e;
                }
                int k = p;
                if (Lit(ref k, ',') && KwArg(k, out int kEnd) is { } kw)
                {
                    kwargs.Add(kw);
                    p = kEnd;
                    while (true)
                    {
                        int c = p;
                        if (!Lit(ref c, ',')) break;
                        var next = KwArg(c, out int e);
                        if (next is null) break;
                        kwargs.Add(next.Value);
                        p = e;
                    }
                }
            }
            if (!Lit(ref p, ')')) return null;
            end = p;
            return new CallExpression(s[pos..end], name, args, kwargs);
        }

        private KeyValuePair<string, Expression>? KwArg(int pos, out int end)
        {
            end = pos;
            int p = SkipWs(pos);
            string? name = Identifier(ref p);
            if (name is null || !Lit(ref p, '=')) return null;
            var value = Arg(p, out end);
            return value is null ? null : new(name, value);
        }

        /// <summary>arg := boolean | number | none | string | inf | expression, in that order.</summary>
        private Expression? Arg(int pos, out int end)
        {
            int p = SkipWs(pos);
            if (Keyword(p, "true", out end)) return new BoolLiteral(s[p..end], true);
            if (Keyword(p, "false", out end)) return new BoolLiteral(s[p..end], false);
            if (Number(p, out end) is { } number) return number;
            if (Keyword(p, "none", out end)) return new NoneLiteral(s[p..end]);
            if (StringLit(p, out end) is { } str) return str;
            if (Keyword(p, "inf", out end)) return new NumberLiteral(s[p..end], double.PositiveInfinity, false);
            return Expression(p, out end);
        }

        /// <summary>A number only counts when followed by ',' or ')' or the end of the line.</summary>
        private NumberLiteral? Number(int pos, out int end)
        {
            end = pos;
            foreach (var (regex, isInt) in new[] { (SciNumber(), false), (FloatNumber(), false), (IntNumber(), true) })
            {
                var m = regex.Match(s, pos);
                if (!m.Success) continue;
                int after = SkipWs(m.Index + m.Length);
                if (after < s.Length && s[after] is not (',' or ')' or '\n')) continue;
                end = m.Index + m.Length;
                string text = m.Value;
                double value = double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture);
                return new NumberLiteral(text, value, isInt);
            }
            return null;
        }

        private StringLiteral? StringLit(int pos, out int end)
        {
            end = pos;
            var m = QuotedString().Match(s, pos);
            if (!m.Success) return null;
            end = m.Index + m.Length;
            return new StringLiteral(m.Value, m.Value[1..^1]);
        }

        /// <summary>pyparsing CaselessKeyword: the word, case-insensitive, not followed by [A-Za-z0-9_$].</summary>
        private bool Keyword(int pos, string word, out int end)
        {
            end = pos;
            if (pos + word.Length > s.Length || string.Compare(s, pos, word, 0, word.Length, StringComparison.OrdinalIgnoreCase) != 0)
                return false;
            int after = pos + word.Length;
            if (after < s.Length && (char.IsAsciiLetterOrDigit(s[after]) || s[after] is '_' or '$')) return false;
            end = after;
            return true;
        }

        private string? Identifier(ref int pos)
        {
            int p = pos;
            if (p >= s.Length || !(char.IsAsciiLetter(s[p]) || s[p] == '_')) return null;
            while (p < s.Length && (char.IsAsciiLetterOrDigit(s[p]) || s[p] == '_')) p++;
            string name = s[pos..p];
            pos = p;
            return name;
        }

        /// <summary>
        /// path := element ('.' element)*; element := (partial | enum) (enum | partial)*;
        /// enum := '{' partial (',' partial)* '}'. Text is the combined token: escaping backslashes dropped.
        /// </summary>
        private PathExpression? Path(int pos, out int end)
        {
            end = pos;
            var sb = new StringBuilder();
            if (!PathElement(ref end, sb)) return null;
            while (end < s.Length && s[end] == '.')
            {
                int p = end + 1;
                var part = new StringBuilder();
                if (!PathElement(ref p, part)) break;
                sb.Append('.').Append(part);
                end = p;
            }
            return new PathExpression(sb.ToString());
        }

        private bool PathElement(ref int pos, StringBuilder sb)
        {
            int p = pos;
            if (!Partial(ref p, sb) && !MatchEnum(ref p, sb)) return false;
            while (MatchEnum(ref p, sb) || Partial(ref p, sb)) { }
            pos = p;
            return true;
        }

        private bool MatchEnum(ref int pos, StringBuilder sb)
        {
            if (pos >= s.Length || s[pos] != '{') return false;
            int p = pos + 1;
            var inner = new StringBuilder("{");
            if (!Partial(ref p, inner)) return false;
            while (p < s.Length && s[p] == ',')
            {
                int q = p + 1;
                var alt = new StringBuilder(",");
                if (!Partial(ref q, alt)) break;
                inner.Append(alt);
                p = q;
            }
            if (p >= s.Length || s[p] != '}') return false;
            sb.Append(inner).Append('}');
            pos = p + 1;
            return true;
        }

        private bool Partial(ref int pos, StringBuilder sb)
        {
            int p = pos;
            while (p < s.Length)
            {
                char c = s[p];
                if (c == '\\' && p + 1 < s.Length && (Symbols.Contains(s[p + 1]) || s[p + 1] == '='))
                {
                    sb.Append(s[p + 1]);
                    p += 2;
                }
                else if (c is > ' ' and <= '~' && !Symbols.Contains(c))
                {
                    sb.Append(c);
                    p++;
                }
                else break;
            }
            if (p == pos) return false;
            pos = p;
            return true;
        }
    }
}

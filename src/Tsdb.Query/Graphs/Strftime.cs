using System.Globalization;
using System.Text;

namespace Tsdb.Query.Graphs;

/// <summary>
/// Python's datetime.strftime in the C locale (glibc), for the x-axis labels and the user's xFormat: the common
/// directives; an unknown one is written as it stands, as glibc does.
/// </summary>
public static class Strftime
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    public static string Format(DateTimeOffset t, string format, TimeZoneInfo zone)
    {
        var sb = new StringBuilder(format.Length + 8);
        for (int i = 0; i < format.Length; i++)
        {
            char c = format[i];
            if (c != '%' || i + 1 == format.Length)
            {
                sb.Append(c);
                continue;
            }
            char d = format[++i];
            switch (d)
            {
                case 'a': sb.Append(t.ToString("ddd", Inv)); break;
                case 'A': sb.Append(t.ToString("dddd", Inv)); break;
                case 'b': case 'h': sb.Append(t.ToString("MMM", Inv)); break;
                case 'B': sb.Append(t.ToString("MMMM", Inv)); break;
                case 'c': sb.Append(Format(t, "%a %b %e %H:%M:%S %Y", zone)); break;
                case 'd': sb.Append(t.Day.ToString("00", Inv)); break;
                case 'e': sb.Append(t.Day.ToString(Inv).PadLeft(2)); break;
                case 'H': sb.Append(t.Hour.ToString("00", Inv)); break;
                case 'I': sb.Append(Hour12(t).ToString("00", Inv)); break;
                case 'l': sb.Append(Hour12(t).ToString(Inv).PadLeft(2)); break;
                case 'j': sb.Append(t.DayOfYear.ToString("000", Inv)); break;
                case 'm': sb.Append(t.Month.ToString("00", Inv)); break;
                case 'M': sb.Append(t.Minute.ToString("00", Inv)); break;
                case 'p': sb.Append(t.Hour < 12 ? "AM" : "PM"); break;
                case 'S': sb.Append(t.Second.ToString("00", Inv)); break;
                case 'u': sb.Append(t.DayOfWeek == DayOfWeek.Sunday ? 7 : (int)t.DayOfWeek); break;
                case 'w': sb.Append((int)t.DayOfWeek); break;
                case 'x': sb.Append(Format(t, "%m/%d/%y", zone)); break;
                case 'X': sb.Append(Format(t, "%H:%M:%S", zone)); break;
                case 'y': sb.Append((t.Year % 100).ToString("00", Inv)); break;
                case 'Y': sb.Append(t.Year.ToString(Inv)); break;
                case 'z': sb.Append(Offset(t.Offset)); break;
                case 'Z': sb.Append(zone == TimeZoneInfo.Utc || zone.Id is "UTC" or "Etc/UTC" ? "UTC" : Offset(t.Offset)); break;
                case '%': sb.Append('%'); break;
                default: sb.Append('%').Append(d); break;
            }
        }
        return sb.ToString();
    }

    private static int Hour12(DateTimeOffset t) => t.Hour % 12 == 0 ? 12 : t.Hour % 12;

    private static string Offset(TimeSpan o) =>
        (o < TimeSpan.Zero ? "-" : "+") + Math.Abs(o.Hours).ToString("00", Inv) + Math.Abs(o.Minutes).ToString("00", Inv);
}

using System.Text;

namespace StreamEngine.ClickHouse;

/// <summary>Splits ClickHouse TabSeparated output into rows and unescapes \t \n \\ and friends.</summary>
internal static class TabSeparated
{
    public static List<string[]> Parse(string text)
    {
        var rows = new List<string[]>();
        var fields = new List<string>();
        var field = new StringBuilder();
        if (text.Length == 0)
        {
            return rows;
        }

        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '\\' && i + 1 < text.Length)
            {
                var next = text[++i];
                if (next == 'N')
                {
                    field.Append("\\N"); // NULL stays recognisable
                    continue;
                }

                field.Append(next switch
                {
                    't' => '\t',
                    'n' => '\n',
                    'r' => '\r',
                    'b' => '\b',
                    'f' => '\f',
                    '0' => '\0',
                    _ => next,
                });
            }
            else if (c == '\t')
            {
                fields.Add(field.ToString());
                field.Clear();
            }
            else if (c == '\n')
            {
                fields.Add(field.ToString());
                field.Clear();
                rows.Add([.. fields]);
                fields.Clear();
            }
            else
            {
                field.Append(c);
            }
        }

        if (field.Length > 0 || fields.Count > 0)
        {
            fields.Add(field.ToString());
            rows.Add([.. fields]);
        }

        return rows;
    }
}

package rubysrc

import (
	"errors"
	"strings"
	"testing"
)

// show renders tokens as "kind:text@off" for comparison; Newline as NL.
func show(toks []Token) string {
	var b strings.Builder
	for i, t := range toks {
		if i > 0 {
			b.WriteByte(' ')
		}
		switch t.Kind {
		case Newline:
			b.WriteString("NL")
		default:
			b.WriteString(kindName[t.Kind] + ":" + t.Text)
		}
	}
	return b.String()
}

var kindName = map[Kind]string{Ident: "id", Const: "C", Label: "lbl", IVar: "var", Number: "num",
	String: "str", Symbol: "sym", Words: "w", Regexp: "re", Op: "op"}

func TestTokenize(t *testing.T) {
	cases := []struct{ src, want string }{
		{"config.force_ssl = true\n", "id:config op:. id:force_ssl op:= id:true NL"},
		{"a # end\nb", "id:a NL id:b"},
		{"=begin\nend if do\n=end\nx", "NL id:x"},
		{"x = \"a #{'}'} end\" + y", `id:x op:= str:"a #{'}'} end" op:+ id:y`},
		{"x = \"#{ {a: 1}[:a] }\"", `id:x op:= str:"#{ {a: 1}[:a] }"`},
		{"x = %w[do end] + %i(a b)", "id:x op:= w:%w[do end] op:+ w:%i(a b)"},
		{"x = %q(a (nested) end)", "id:x op:= str:%q(a (nested) end)"},
		{"x = %r{a/b}i", "id:x op:= re:%r{a/b}i"},
		{"x = /do end/ =~ y", "id:x op:= re:/do end/ op:=~ id:y"},
		{"a / b / c", "id:a op:/ id:b op:/ id:c"},
		{"x = a ? :b : c", "id:x op:= id:a op:? sym::b op:: id:c"},
		{"x = ?e + 'n\\'d'", `id:x op:= str:?e op:+ str:'n\'d'`},
		{"h = { redirect: false, \"k\" => 1 }", `id:h op:= op:{ lbl:redirect: id:false op:, str:"k" op:=> num:1 op:}`},
		{"x = <<~EOS\n  end do\n  EOS\ny", "id:x op:= str:<<~EOS NL id:y"},
		{"f(<<~A, <<-'B')\nend #{x}\nA\n  #{\n  B\nz", "id:f op:( str:<<~A op:, str:<<-'B' op:) NL id:z"},
		{"a << b", "id:a op:<< id:b"},
		{"a.present? ? 1 : 2", "id:a op:. id:present? op:? num:1 op:: num:2"},
		{"Foo::Bar.new(1.5e3, 0x1f)", "C:Foo op::: C:Bar op:. id:new op:( num:1.5e3 op:, num:0x1f op:)"},
		{"@a = $stdout; @@b", "var:@a op:= var:$stdout op:; var:@@b"},
		{"x = [1,\n2]\n", "id:x op:= op:[ num:1 op:, NL num:2 op:] NL"},
		{"x = a\n  # c\n  .b\n  &.c\ny", "id:x op:= id:a op:. id:b op:&. id:c NL id:y"},
		{"x = 1..\n2", "id:x op:= num:1 op:.. NL num:2"},
		{"x = 1 +\\\n 2", "id:x op:= num:1 op:+ num:2"},
		{"x\n__END__\nend end {", "id:x NL"},
		{"x = :\"a b\"", `id:x op:= sym::"a b"`},
		{"delegate :[], :<=>, to: :@h", "id:delegate sym::[] op:, sym::<=> op:, lbl:to: sym::@h"},
		{"def /(o)\n x / 2\nend", "id:def id:/ op:( id:o op:) NL id:x op:/ num:2 NL id:end"},
		{"def self.[]=(k, v)\nend", "id:def id:self op:. id:[]= op:( id:k op:, id:v op:) NL id:end"},
	}
	for _, c := range cases {
		toks, err := Tokenize([]byte(c.src))
		if err != nil {
			t.Errorf("%q: %v", c.src, err)
			continue
		}
		if got := show(toks); got != c.want {
			t.Errorf("%q:\n got %s\nwant %s", c.src, got, c.want)
		}
	}
}

// Offsets are exact: each token's Text is the source between them.
func TestTokenizeOffsets(t *testing.T) {
	src := "Rails.application.configure do\n  # c\n  config.force_ssl = true\nend\n"
	toks, err := Tokenize([]byte(src))
	if err != nil {
		t.Fatal(err)
	}
	for _, tk := range toks {
		if src[tk.Off:tk.End] != tk.Text {
			t.Errorf("token %q at %d-%d reads %q", tk.Text, tk.Off, tk.End, src[tk.Off:tk.End])
		}
	}
	var fs Token
	for _, tk := range toks {
		if tk.Text == "force_ssl" {
			fs = tk
		}
	}
	if want := strings.Index(src, "force_ssl"); fs.Off != want {
		t.Errorf("force_ssl at %d, want %d", fs.Off, want)
	}
}

func TestTokenizeValues(t *testing.T) {
	toks, err := Tokenize([]byte(`a = 'x\'y\\z' + "p\"q\n" + "#{b}" + :sym + <<~'E'` + "\n  raw #{x}\n  E\n"))
	if err != nil {
		t.Fatal(err)
	}
	var vals []string
	for _, tk := range toks {
		if tk.Kind == String || tk.Kind == Symbol {
			if tk.Interp {
				vals = append(vals, "<interp>")
			} else {
				vals = append(vals, tk.Value)
			}
		}
	}
	want := []string{`x'y\z`, "p\"q\n", "<interp>", "sym", "  raw #{x}\n"}
	if strings.Join(vals, "|") != strings.Join(want, "|") {
		t.Errorf("values %q, want %q", vals, want)
	}
}

// What the reader does not handle is reported, never guessed.
func TestTokenizeCannotRead(t *testing.T) {
	for _, src := range []string{
		`x = "open`,
		"x = 'open",
		"=begin\nno end",
		"x = \"#{ y \"",
		"x = <<~EOS\nno terminator\n",
		"foo /x/",   // a call with a regexp, or a division
		"foo %w[a]", // a literal, or a modulo
		"}",
		"x = %z(a)",
		"x = :=",
		"a = \"#{" + strings.Repeat("\"#{", MaxNesting) + "1",
		"x = \x00",
		"x = <<~A + \"multi\nline\"\nA\n",
	} {
		_, err := Tokenize([]byte(src))
		if !errors.Is(err, ErrCannotRead) {
			t.Errorf("%q: err %v, want ErrCannotRead", src, err)
		}
	}
	if _, err := Tokenize(make([]byte, MaxFileLen+1)); !errors.Is(err, ErrCannotRead) {
		t.Errorf("an oversized file: err %v", err)
	}
}

func FuzzTokenize(f *testing.F) {
	for _, s := range []string{
		"Rails.application.configure do\n  config.force_ssl = true\nend\n",
		"x = \"#{a \"#{b}\"}\" <<~A\n#{c}\nA\n",
		"%w[a b] %r{x}i /y/ ?c :sym :\"q\" @a $b =begin\n=end\n",
		"config.ssl_options = { redirect: { exclude: ->(r) { r.path == \"/up\" } } }\n",
		"port ENV.fetch(\"PORT\") { 3000 }\nbind 'tcp://0.0.0.0:1'\nport(2, \"::\")\n",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		toks, err := Tokenize(src)
		if err != nil {
			if !errors.Is(err, ErrCannotRead) {
				t.Fatalf("error %v does not wrap ErrCannotRead", err)
			}
			return
		}
		for _, tk := range toks {
			if tk.Off < 0 || tk.End > len(src) || tk.Off > tk.End || string(src[tk.Off:tk.End]) != tk.Text {
				t.Fatalf("token %+v out of place", tk)
			}
		}
		_, _ = ReadSSL(src)
		if c, err := ReadPuma(src); err == nil {
			for _, b := range c.Binds {
				if b.Off < 0 || b.Off > b.ValueOff || b.ValueOff > b.ValueEnd || b.ValueEnd > b.End || b.End > len(src) {
					t.Fatalf("bind %+v out of place", b)
				}
			}
		} else if !errors.Is(err, ErrCannotRead) {
			t.Fatalf("error %v does not wrap ErrCannotRead", err)
		}
	})
}

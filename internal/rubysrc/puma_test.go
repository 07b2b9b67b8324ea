package rubysrc

import (
	"errors"
	"strings"
	"testing"
)

// puma71 has the shape of the config/puma.rb Rails 7.1 generates
// (railties v7.1.0 generators/rails/app/templates/config/puma.rb.tt):
// a conditional worker count, a modifier if, and the port from PORT.
const puma71 = `max_threads_count = ENV.fetch("RAILS_MAX_THREADS") { 5 }
min_threads_count = ENV.fetch("RAILS_MIN_THREADS") { max_threads_count }
threads min_threads_count, max_threads_count

if ENV["RAILS_ENV"] == "production"
  require "concurrent-ruby"
  worker_count = Integer(ENV.fetch("WEB_CONCURRENCY") { Concurrent.physical_processor_count })
  workers worker_count if worker_count > 1
end

worker_timeout 3600 if ENV.fetch("RAILS_ENV", "development") == "development"

port ENV.fetch("PORT") { 3000 }

environment ENV.fetch("RAILS_ENV") { "development" }

pidfile ENV.fetch("PIDFILE") { "tmp/pids/server.pid" }

plugin :tmp_restart
`

// puma80 has the shape of Rails 8.0's (railties v8.0.0 puma.rb.tt).
const puma80 = `threads_count = ENV.fetch("RAILS_MAX_THREADS", 3)
threads threads_count, threads_count

port ENV.fetch("PORT", 3000)

plugin :tmp_restart

plugin :solid_queue if ENV["SOLID_QUEUE_IN_PUMA"]

pidfile ENV["PIDFILE"] if ENV["PIDFILE"]
`

// pumaMain has the shape of the template on Rails' main branch during
// 7.2's development (rails/rails@0170c94 puma.rb.tt): a case statement
// and an `x = if … end` assignment before the port.
const pumaMain = `threads_count = ENV.fetch("RAILS_MAX_THREADS", 3)
threads threads_count

rails_env = ENV.fetch("RAILS_ENV", "development")
environment rails_env

case rails_env
when "production"
  require "concurrent-ruby"
  workers_count = if ENV["WEB_CONCURRENCY"] == "auto"
                    Concurrent.available_processor_count
                  else
                    Integer(ENV.fetch("WEB_CONCURRENCY", 1))
                  end
  workers workers_count if workers_count > 1

  preload_app!
when "development"
  worker_timeout 3600
end

port ENV.fetch("PORT", 3000)

plugin :tmp_restart

pidfile ENV["PIDFILE"] if ENV["PIDFILE"]
`

func TestReadPumaGenerated(t *testing.T) {
	for name, src := range map[string]string{"7.1": puma71, "8.0": puma80, "main-7.2": pumaMain} {
		c, err := ReadPuma([]byte(src))
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if len(c.Binds) != 1 {
			t.Fatalf("%s: binds %+v", name, c.Binds)
		}
		b := c.Binds[0]
		if b.Env != "PORT" || !b.HasDefault || b.Port != 3000 || b.Host != "" || b.URL != "" {
			t.Errorf("%s: %+v", name, b)
		}
		stmt := src[b.Off:b.End]
		if !strings.HasPrefix(stmt, "port ENV.fetch(") || !strings.HasSuffix(stmt, "3000 }") && !strings.HasSuffix(stmt, "3000)") {
			t.Errorf("%s: statement %q", name, stmt)
		}
		if v := src[b.ValueOff:b.ValueEnd]; !strings.HasPrefix(v, "ENV.fetch(") || v != stmt[len("port "):] {
			t.Errorf("%s: value %q", name, v)
		}
	}
}

func TestReadPumaForms(t *testing.T) {
	cases := []struct {
		src  string
		want PumaBind
	}{
		{"port 8080\n", PumaBind{Port: 8080}},
		{"port(8080)\n", PumaBind{Port: 8080}},
		{"port '8080'\n", PumaBind{Port: 8080}},
		{`port ENV["PORT"] || 4000` + "\n", PumaBind{Env: "PORT", Port: 4000, HasDefault: true}},
		{`port ENV.fetch("APP_PORT", "5000")` + "\n", PumaBind{Env: "APP_PORT", Port: 5000, HasDefault: true}},
		{`port ENV.fetch("PORT")` + "\n", PumaBind{Env: "PORT"}},
		{`port ENV["PORT"]` + "\n", PumaBind{Env: "PORT"}},
		{`port ENV.fetch("PORT", 3000), "::"` + "\n", PumaBind{Env: "PORT", Port: 3000, HasDefault: true, Host: "::"}},
		{`bind "tcp://127.0.0.1:9000"` + "\n", PumaBind{URL: "tcp://127.0.0.1:9000"}},
		{"x = 1; port 81; y = 2\n", PumaBind{Port: 81}},
		// A label is no value: the if after it opens a block, whose end
		// closes it (not a modifier, as the Puma reader once took it).
		{"workers key: if x then 1 else 2 end\nport 3000\n", PumaBind{Port: 3000}},
		// The do of a loop belongs to it: one end closes both.
		{"while x do\n  y\nend\nport 3000\n", PumaBind{Port: 3000}},
	}
	for _, c := range cases {
		got, err := ReadPuma([]byte(c.src))
		if err != nil {
			t.Errorf("%q: %v", c.src, err)
			continue
		}
		if len(got.Binds) != 1 {
			t.Errorf("%q: %+v", c.src, got.Binds)
			continue
		}
		g := got.Binds[0]
		g.Off, g.End, g.ValueOff, g.ValueEnd = 0, 0, 0, 0
		if g != c.want {
			t.Errorf("%q: got %+v, want %+v", c.src, g, c.want)
		}
	}
}

func TestReadPumaPositions(t *testing.T) {
	src := "# c\nthreads 1, 2\nport 3000\nbind 'tcp://0.0.0.0:4000'\n"
	c, err := ReadPuma([]byte(src))
	if err != nil || len(c.Binds) != 2 {
		t.Fatal(c, err)
	}
	if s := src[c.Binds[0].Off:c.Binds[0].End]; s != "port 3000" {
		t.Errorf("port statement %q", s)
	}
	if s := src[c.Binds[0].ValueOff:c.Binds[0].ValueEnd]; s != "3000" {
		t.Errorf("port value %q", s)
	}
	if s := src[c.Binds[1].ValueOff:c.Binds[1].ValueEnd]; s != "'tcp://0.0.0.0:4000'" {
		t.Errorf("bind value %q", s)
	}
}

func TestReadPumaNone(t *testing.T) {
	for _, src := range []string{"", "threads 1, 5\nworkers 2\n", "app do |env|\n  [200, {}, []]\nend\n", "x = { port: 1 }\ny = :port\n"} {
		c, err := ReadPuma([]byte(src))
		if err != nil || len(c.Binds) != 0 {
			t.Errorf("%q: %+v %v", src, c, err)
		}
	}
}

// Every form that leaves the binds uncertain is refused, never guessed.
func TestReadPumaRefuses(t *testing.T) {
	for _, src := range []string{
		"if ENV['X']\n  port 3000\nend\n",
		"port 3000 if ENV['X']\n",
		"port 3000 unless x\n",
		"on_worker_boot do\n  bind 'tcp://0.0.0.0:1'\nend\n",
		"before_fork { port 1 }\n",
		"port = 3000\n",
		"x = port\n",
		"port ENV.fetch('PORT') { 1 + 2 }\n",
		"port ENV.fetch('PORT').to_i\n",
		"port ENV.fetch('A-B', 1)\n",
		"port ENV.fetch('1X', 1)\n",
		"port Integer(ENV['PORT'])\n",
		"port my_port\n",
		"port 3000, host\n",
		"bind \"tcp://0.0.0.0:#{ENV['PORT']}\"\n",
		"bind url\n",
		"ssl_bind '0.0.0.0', '443', {}\n",
		"bind_to_activated_sockets\n",
		"clear_binds!\n",
		"set_default_host '::'\n",
		"load 'other.rb'\n",
		"require_relative 'other'\n",
		"eval File.read('x')\n",
		"plugin :mystery\n",
		"plugin name\n",
		"ENV['PORT'] = '9000'\nport ENV.fetch('PORT', 3000)\n",
		"ENV.store('PORT', '1')\n",
		"def port(x) = 1\n",
		"port\n",
		"end\n",
		"(\n",
		"x = if y\n  port 1\nend\n",
	} {
		_, err := ReadPuma([]byte(src))
		if !errors.Is(err, ErrCannotRead) {
			t.Errorf("%q: got %v, want ErrCannotRead", src, err)
		}
	}
}

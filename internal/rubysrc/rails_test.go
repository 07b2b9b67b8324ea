package rubysrc

import (
	"errors"
	"testing"
)

// prod71 has the shape of the production.rb that Rails 7.1 generates
// (railties v7.1.0 generators/rails/app/templates/config/environments/
// production.rb.tt): force_ssl on, assume_ssl commented out.
const prod71 = `require "active_support/core_ext/integer/time"

Rails.application.configure do
  config.enable_reloading = false
  config.public_file_server.enabled = ENV["RAILS_SERVE_STATIC_FILES"].present?

  # Assume all access to the app is happening through a SSL-terminating reverse proxy.
  # config.assume_ssl = true

  # Force all access to the app over SSL, use Strict-Transport-Security, and use secure cookies.
  config.force_ssl = true

  config.logger = ActiveSupport::Logger.new(STDOUT)
    .tap  { |logger| logger.formatter = ::Logger::Formatter.new }
    .then { |logger| ActiveSupport::TaggedLogging.new(logger) }
  config.log_tags = [ :request_id ]
  config.log_level = ENV.fetch("RAILS_LOG_LEVEL", "info")
  if ENV["RAILS_LOG_TO_STDOUT"].present?
    config.x = 1
  end
  config.i18n.fallbacks = true
  config.active_record.dump_schema_after_migration = false
  # config.host_authorization = { exclude: ->(request) { request.path == "/up" } }
end
`

func TestReadSSL(t *testing.T) {
	c, err := ReadSSL([]byte(prod71))
	if err != nil {
		t.Fatal(err)
	}
	fs := c.ForceSSL
	if !fs.Set || !fs.Value || c.AssumeSSL.Set || c.Redirect != RedirectDefault {
		t.Fatalf("got %+v", c)
	}
	if got, want := prod71[fs.Off:fs.End], "config.force_ssl = true"; got != want {
		t.Errorf("assignment spans %q, want %q", got, want)
	}
}

func TestReadSSLSettings(t *testing.T) {
	wrap := func(body string) string {
		return "Rails.application.configure do\n" + body + "\nend\n"
	}
	type want struct {
		force, assume string // "", "true", "false"
		redirect      RedirectOption
	}
	cases := []struct {
		src  string
		want want
	}{
		{wrap("  config.force_ssl = true\n  config.assume_ssl = true"), want{"true", "true", RedirectDefault}},
		{wrap("  config.force_ssl = true\n  config.force_ssl = false"), want{"false", "", RedirectDefault}},
		{wrap("  config.force_ssl = true; config.ssl_options = { redirect: false, hsts: false }"), want{"true", "", RedirectOff}},
		{wrap("  config.force_ssl = true\n  config.ssl_options = { :redirect => false }"), want{"true", "", RedirectOff}},
		{wrap("  config.force_ssl = true\n  config.ssl_options = { hsts: { subdomains: true } }"), want{"true", "", RedirectDefault}},
		{wrap("  config.force_ssl = true\n  config.ssl_options = {\n    redirect: { exclude: ->(request) { request.path == \"/up\" } }\n  }"), want{"true", "", RedirectOpaque}},
		{wrap("  config.force_ssl =\n    true"), want{"true", "", RedirectDefault}},
		{"MyApp::Application.configure do\n  config.force_ssl = true\nend\n", want{"true", "", RedirectDefault}},
		{wrap("  def helper\n    1\n  end\n  config.force_ssl = true"), want{"true", "", RedirectDefault}},
		// An if inside an array holds statements: its ifs are not
		// modifiers (docusealco/docuseal@a2d8b85549
		// lib/submissions/generate_audit_trail.rb has this shape).
		{wrap("  x = [\n    1,\n    if a\n      b = 1\n      if c\n        d\n      end\n    end\n  ]\n  config.force_ssl = true"), want{"true", "", RedirectDefault}},
		{wrap("  def |(o)\n    1\n  end\n  def class\n  end\n  config.force_ssl = true"), want{"true", "", RedirectDefault}},
		{wrap("  x = [1].map { |v|\n    if v then 1 end\n  }\n  begin\n    2\n  end unless x\n  config.force_ssl = true"), want{"true", "", RedirectDefault}},
		{wrap("  config.force_ssl = true\n  config.ssl_options = {\n    redirect: false\n  }"), want{"true", "", RedirectOff}},
		{wrap("  x = [1, 2].map do |v|\n    v\n  end\n  config.force_ssl = true"), want{"true", "", RedirectDefault}},
		{wrap("  config.log_level = :info if ENV[\"X\"]\n  config.force_ssl = true"), want{"true", "", RedirectDefault}},
		{wrap("  config.middleware.use Foo do\n  end"), want{"", "", RedirectDefault}},
	}
	str := func(s Setting) string {
		switch {
		case !s.Set:
			return ""
		case s.Value:
			return "true"
		}
		return "false"
	}
	for _, c := range cases {
		got, err := ReadSSL([]byte(c.src))
		if err != nil {
			t.Errorf("%q: %v", c.src, err)
			continue
		}
		if g := (want{str(got.ForceSSL), str(got.AssumeSSL), got.Redirect}); g != c.want {
			t.Errorf("%q: got %+v, want %+v", c.src, g, c.want)
		}
	}
}

// Anything conditional or computed leaves the file unknown.
func TestReadSSLUnknown(t *testing.T) {
	wrap := func(body string) string {
		return "Rails.application.configure do\n" + body + "\nend\n"
	}
	for _, src := range []string{
		wrap("  config.force_ssl = ENV[\"FORCE_SSL\"].present?"),
		wrap("  config.force_ssl = false\n    .then { true }"),
		wrap("  config.force_ssl = true if ENV[\"FORCE_SSL\"]"),
		wrap("  config.force_ssl = true unless ENV[\"NO_SSL\"]"),
		wrap("  if ENV[\"FORCE_SSL\"]\n    config.force_ssl = true\n  end"),
		wrap("  unless ENV[\"X\"]\n    config.force_ssl = true\n  end"),
		wrap("  case x\n  when 1 then config.force_ssl = true\n  end"),
		wrap("  config.force_ssl = x ? true : false"),
		wrap("  config.force_ssl ||= true"),
		wrap("  config.ssl_options[:redirect] = false\n  config.force_ssl = true"),
		wrap("  config.ssl_options = opts\n  config.force_ssl = true"),
		wrap("  config.ssl_options = { **opts }\n  config.force_ssl = true"),
		wrap("  config.force_ssl = true\n  require_relative \"ssl\""),
		wrap("  config.force_ssl = true\n  config.middleware.delete ActionDispatch::SSL"),
		wrap("  config.force_ssl = true\n  [1].each { config.assume_ssl = true }"),
		wrap("  config.force_ssl = true\n  config.middleware.insert_before 0, HealthCheck"),
		"Rails.application.config.force_ssl = true\n",
		"Rails.application.configure do\n  config.force_ssl = true\n",
		wrap("  config.force_ssl = true\n  end"),
		wrap("  def x = 1\n  config.force_ssl = true"),
		wrap("  def x(a) = a\n  config.force_ssl = true"),
		wrap("  config.force_ssl = \"#{x"),
		"Rails.application.configure do\n  begin\n    config.force_ssl = true\n  end\nend\n",
	} {
		if c, err := ReadSSL([]byte(src)); !errors.Is(err, ErrCannotRead) {
			t.Errorf("%q: got %+v, %v; want ErrCannotRead", src, c, err)
		}
	}
}

func TestMentionsSSL(t *testing.T) {
	for src, want := range map[string]bool{
		"require_relative \"boot\"\nmodule App\n  class Application < Rails::Application\n    config.load_defaults 7.1\n  end\nend\n": false,
		"module App\n  class Application < Rails::Application\n    config.force_ssl = true\n  end\nend\n":                             true,
		"Rails.application.config.ssl_options = { hsts: false }\n":                                                                    true,
		"require_relative \"ssl_settings\"\n":                                                                                         true,
		"Rails.application.config.middleware.insert_before 0, ActionDispatch::AssumeSSL\n":                                            true,
		"x = { force_ssl: true }\n":   true,
		"# config.force_ssl = true\n": false,
		"Rails.application.config.middleware.insert_before 0, Rack::Cors do\nend\n": true,
		"Rails.application.config.middleware.use Rack::Attack\n":                    false,
		"list.insert(0, 1)\n": true,
		"insert = 1\n":        false,
	} {
		toks, err := Tokenize([]byte(src))
		if err != nil {
			t.Fatalf("%q: %v", src, err)
		}
		off, got := MentionsSSL(toks)
		if got != want {
			t.Errorf("%q: %v at %d, want %v", src, got, off, want)
		}
	}
}

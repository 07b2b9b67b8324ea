import Config

if System.get_env("PHX_SERVER") do
  config :demo, DemoWeb.Endpoint, server: true
end

config :demo, DemoWeb.Endpoint,
  http: [port: String.to_integer(System.get_env("PORT", "4000"))]

if config_env() == :prod do
  config :demo, DemoWeb.Endpoint,
    http: [ip: {0, 0, 0, 0, 0, 0, 0, 0}]
end

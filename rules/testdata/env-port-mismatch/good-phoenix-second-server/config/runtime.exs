import Config

# The endpoint block phx.new 1.6-1.7 generated inside the prod branch
# (phoenixframework/phoenix@5ca0c29 installer/templates/phx_single/
# config/runtime.exs), as fly-apps/live_beats@ac97804 config/runtime.exs
# still has it.
if config_env() == :prod do
  config :demo, DemoWeb.Endpoint,
    server: true,
    http: [
      ip: {0, 0, 0, 0, 0, 0, 0, 0},
      port: String.to_integer(System.get_env("PORT") || "4000")
    ]
end

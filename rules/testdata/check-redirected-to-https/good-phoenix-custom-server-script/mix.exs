defmodule Demo.MixProject do
  use Mix.Project

  def project do
    [
      app: :demo,
      version: "0.1.0",
      deps: deps()
    ]
  end

  def application do
    [mod: {Demo.Application, []}, extra_applications: [:logger]]
  end

  defp deps do
    [{:phoenix, "~> 1.8.1"}, {:bandit, "~> 1.5"}]
  end
end

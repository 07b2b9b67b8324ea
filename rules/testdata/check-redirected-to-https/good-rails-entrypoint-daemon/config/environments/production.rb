require "active_support/core_ext/integer/time"

# Rails 7.1's generated production.rb (railties v7.1.0
# generators/rails/app/templates/config/environments/production.rb.tt)
# turns force_ssl on and leaves assume_ssl commented out.
Rails.application.configure do
  config.enable_reloading = false
  config.eager_load = true

  # config.assume_ssl = true

  config.force_ssl = true

  config.log_level = ENV.fetch("RAILS_LOG_LEVEL", "info")
end

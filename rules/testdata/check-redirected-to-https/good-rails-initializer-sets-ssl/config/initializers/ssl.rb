Rails.application.config.force_ssl = false

Rails.application.config.filter_parameters += [:passw, :secret]

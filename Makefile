# The two commands README starts with: `make site` and `make test`.
.PHONY: deps site test site-checks clean

deps:
	@bash scripts/install-deps.sh

# Builds sitegen (release) and publishes Content/ into public/.
site: deps
	swift build -c release --product sitegen
	.build/release/sitegen build

test: deps
	swift test

# The site in a real browser and through the validators (Tests/site); run after `make test`.
site-checks: deps
	swift build --product sitegen
	bash scripts/site-checks.sh

clean:
	rm -rf .build public/*

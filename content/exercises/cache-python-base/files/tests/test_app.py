from app import app


def test_health():
    response = app.test_client().get("/health")
    assert response.get_json() == {"status": "ok"}


def test_menu_lists_espresso():
    response = app.test_client().get("/menu")
    assert "espresso" in response.get_json()

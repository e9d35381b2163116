"""The order-book pane (the ladder): its model, the depth-bar delegate and the view."""
